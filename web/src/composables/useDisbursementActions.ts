import { ref, shallowRef } from 'vue'
import { approveDisbursement, rejectDisbursement } from '@/api/projects'
import type { Disbursement } from '@/api/projectTypes'
import { showCaseError, showSuccess } from '@/utils/notify'

/**
 * Finance's moves on disbursements, shared by the queue and a project's page: approve (refused
 * while the tranche's gate is not met), reject with a reason, and record the payment (the page
 * shows the reject and pay dialogs for `rejecting` and `paying`). `changed` runs after each move,
 * and after a refusal too, since the refusal means the page is out of date.
 */
export function useDisbursementActions(changed: () => void | Promise<void>) {
  const approving = ref<string | null>(null)
  const rejecting = shallowRef<Disbursement | null>(null)
  const paying = shallowRef<Disbursement | null>(null)

  async function approve(d: Disbursement): Promise<void> {
    approving.value = String(d.id)
    try {
      await approveDisbursement(d.id)
      showSuccess('projects.disbursements.approved')
    } catch (e) {
      showCaseError(e)
    } finally {
      approving.value = null
    }
    await changed()
  }

  async function reject(reason: string): Promise<void> {
    if (!rejecting.value) {
      return
    }
    await rejectDisbursement(rejecting.value.id, reason)
    showSuccess('projects.disbursements.rejected')
    await changed()
  }

  return { approving, rejecting, paying, approve, reject }
}
