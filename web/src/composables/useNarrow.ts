import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'

/** Phones: the width below which pages switch to their one-column, drawer-menu layout. */
export const NARROW_QUERY = '(max-width: 767px)'

/** Whether the viewport is phone-narrow, kept up to date while the component lives. */
export function useNarrow(query: string = NARROW_QUERY): Ref<boolean> {
  const narrow = ref(false)
  let mql: MediaQueryList | null = null
  const update = () => {
    narrow.value = mql?.matches ?? false
  }
  onMounted(() => {
    if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') {
      return
    }
    mql = window.matchMedia(query)
    update()
    mql.addEventListener?.('change', update)
  })
  onBeforeUnmount(() => {
    mql?.removeEventListener?.('change', update)
    mql = null
  })
  return narrow
}
