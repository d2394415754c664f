import { beforeEach, describe, expect, it } from 'vitest'
import { CASE_STATES, DOMAINS, DOMAINS_BY_LEVEL, LEVELS, RISK_LEVELS, SERVICE_TYPES, TIMELINE_KINDS } from '@/api/caseTypes'
import type { Assessment } from '@/api/caseTypes'
import { messages, setLocale, t, te } from '@/locales'
import {
  GENERIC_MOVES,
  actorName,
  assessmentChange,
  assessmentKindsFor,
  assessmentMean,
  assessmentPayload,
  canEditPlan,
  canRecordService,
  canSubmitPlan,
  codeLabel,
  defaultAssessmentKind,
  defaultTab,
  domainLevel,
  emptyAssessmentForm,
  emptyServiceRecordForm,
  formatDelta,
  genericMoves,
  hours,
  isOpenState,
  normalizeAllowed,
  personName,
  planForm,
  planPayload,
  reasonRequired,
  reindexAfterGoalRemoval,
  serviceRecordPayload,
  serviceTotals,
  sortAssessments,
  stateLabel,
  stateTagType,
  timelineText,
} from './cases'

beforeEach(() => setLocale('zh-CN'))

function assessment(kind: Assessment['kind'], assessed_on: string, score: (domain: string) => number): Assessment {
  return {
    id: `${kind}-${assessed_on}`,
    kind,
    assessed_on,
    risk_level: 'low',
    scores: DOMAINS.map((domain) => ({ domain, score: score(domain) })),
  }
}

describe('state labels', () => {
  it('names all 12 states in Chinese', () => {
    expect(CASE_STATES.map((s) => stateLabel(t, s))).toEqual([
      '转介待接',
      '接案',
      '预估中',
      '计划制定中',
      '计划待审批',
      '服务中',
      '已暂停',
      '结案中',
      '已结案',
      '回访中',
      '不开案',
      '已转出',
    ])
  })

  it('has a label for every state, domain, risk, service type and timeline kind in both languages', () => {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const c = messages[locale].cases
      for (const s of CASE_STATES) expect(typeof c.state[s], `${locale} ${s}`).toBe('string')
      for (const d of DOMAINS) expect(typeof c.domain[d], `${locale} ${d}`).toBe('string')
      for (const r of RISK_LEVELS) expect(typeof c.risk[r], `${locale} ${r}`).toBe('string')
      for (const s of SERVICE_TYPES) expect(typeof c.serviceType[s], `${locale} ${s}`).toBe('string')
      for (const k of TIMELINE_KINDS) expect(typeof c.timelineKind[k], `${locale} ${k}`).toBe('string')
      for (const moves of Object.values(GENERIC_MOVES)) {
        for (const to of moves) expect(typeof c.move[to], `${locale} move ${to}`).toBe('string')
      }
    }
  })

  it('shows an unknown state or code as it is', () => {
    expect(stateLabel(t, 'archived')).toBe('archived')
    expect(stateLabel(t, null)).toBe('')
    expect(stateTagType('archived')).toBe('info')
    expect(stateTagType('rejected')).toBe('danger')
    expect(codeLabel(t, te, 'mode', 'home_visit')).toBe('入户探访')
    expect(codeLabel(t, te, 'mode', 'carrier_pigeon')).toBe('carrier_pigeon')
    setLocale('en-US')
    expect(stateLabel(t, 'plan_pending_approval')).toBe('Plan pending approval')
  })

  it('knows which states are open', () => {
    expect(isOpenState('in_service')).toBe(true)
    expect(isOpenState('suspended')).toBe(true)
    for (const s of ['closed', 'follow_up', 'rejected', 'transferred', 'nonsense']) expect(isOpenState(s)).toBe(false)
  })
})

describe('generic moves', () => {
  it('offers the table moves the server allows, in the table order', () => {
    expect(genericMoves('intake', ['rejected', 'assessing'])).toEqual(['assessing', 'rejected'])
    expect(genericMoves('assessing', [{ to: 'planning' }])).toEqual(['planning'])
    expect(genericMoves('in_service', ['suspended', 'closing', 'plan_pending_approval', 'transferred'])).toEqual(['suspended', 'closing'])
  })

  it('never offers moves that have their own action', () => {
    expect(genericMoves('planning', ['plan_pending_approval'])).toEqual([])
    expect(genericMoves('closing', ['closed', 'in_service'])).toEqual(['in_service'])
    expect(genericMoves('closed', ['follow_up'])).toEqual([])
  })

  it('falls back to the table when the server sent no list, and to nothing for an unknown state', () => {
    expect(genericMoves('suspended', undefined)).toEqual(['in_service'])
    expect(genericMoves('intake', [])).toEqual([])
    expect(genericMoves('archived', ['intake'])).toEqual([])
  })

  it('asks a reason for 不开案, suspending and going back to service from closing', () => {
    expect(reasonRequired('intake', 'rejected')).toBe(true)
    expect(reasonRequired('in_service', 'suspended')).toBe(true)
    expect(reasonRequired('closing', 'in_service')).toBe(true)
    expect(reasonRequired('suspended', 'in_service')).toBe(false)
    expect(reasonRequired('intake', 'assessing')).toBe(false)
  })

  it('normalizes allowed transitions and drops unknown or repeated ones', () => {
    expect(normalizeAllowed(['intake', { to: 'rejected' }, 'intake', 'bogus', null, 3])).toEqual(['intake', 'rejected'])
    expect(normalizeAllowed(undefined)).toEqual([])
  })
})

describe('what a state allows', () => {
  it('assessment kinds: closing only in closing, none before assessing', () => {
    expect(assessmentKindsFor('intake')).toEqual([])
    expect(assessmentKindsFor('assessing')).toEqual(['initial', 'midterm'])
    expect(assessmentKindsFor('closing')).toEqual(['closing', 'midterm'])
    expect(assessmentKindsFor('closed')).toEqual([])
    expect(defaultAssessmentKind('assessing', [])).toBe('initial')
    expect(defaultAssessmentKind('in_service', [{ kind: 'initial' }])).toBe('midterm')
    expect(defaultAssessmentKind('closing', [{ kind: 'initial' }])).toBe('closing')
  })

  it('plan editing and submitting', () => {
    expect(canEditPlan('planning')).toBe(true)
    expect(canEditPlan('in_service')).toBe(true)
    expect(canEditPlan('plan_pending_approval')).toBe(false)
    expect(canSubmitPlan('planning', { status: 'draft' })).toBe(true)
    expect(canSubmitPlan('planning', { status: 'returned' })).toBe(true)
    expect(canSubmitPlan('in_service', { status: 'approved' })).toBe(false)
    expect(canSubmitPlan('planning', null)).toBe(false)
  })

  it('service records in service, closing and follow-up only', () => {
    expect(['in_service', 'closing', 'follow_up'].every(canRecordService)).toBe(true)
    expect(['planning', 'closed', 'suspended'].some(canRecordService)).toBe(false)
  })

  it('opens on the tab of the work at hand, or the one asked for', () => {
    expect(defaultTab('assessing')).toBe('assessment')
    expect(defaultTab('plan_pending_approval')).toBe('plan')
    expect(defaultTab('in_service')).toBe('services')
    expect(defaultTab('closed')).toBe('closing')
    expect(defaultTab('in_service', 'timeline')).toBe('timeline')
    expect(defaultTab('in_service', 'bogus')).toBe('services')
  })
})

describe('assessments', () => {
  it('puts the 11 domains in three levels, each once', () => {
    expect(LEVELS.flatMap((l) => DOMAINS_BY_LEVEL[l]).sort()).toEqual([...DOMAINS].sort())
    expect(DOMAINS).toHaveLength(11)
    expect(domainLevel('health')).toBe('individual')
    expect(domainLevel('guardianship')).toBe('interpersonal')
    expect(domainLevel('safety_risk')).toBe('environment')
    expect(domainLevel('luck')).toBeNull()
  })

  it('computes the change from the first to the latest assessment, per domain and level', () => {
    const initial = assessment('initial', '2026-01-10', (d) => (d === 'economy' ? 1 : 2))
    const mid = assessment('midterm', '2026-03-10', () => 3)
    const closing = assessment('closing', '2026-06-10', (d) => (d === 'economy' ? 4 : 3))
    // Sent in any order: oldest first by date.
    const change = assessmentChange({ data: [closing, initial, mid] })
    expect(change.comparable).toBe(true)
    const economy = change.domains.find((d) => d.domain === 'economy')
    expect(economy).toEqual({ domain: 'economy', level: 'environment', first: 1, latest: 4, delta: 3 })
    expect(change.domains.find((d) => d.domain === 'health')?.delta).toBe(1)
    const env = change.levels.find((l) => l.level === 'environment')
    // environment: economy, housing, safety_risk: first (1+2+2)/3, latest (4+3+3)/3
    expect(env).toEqual({ level: 'environment', first: 1.67, latest: 3.33, delta: 1.66 })
    expect(change.levels.find((l) => l.level === 'individual')).toEqual({ level: 'individual', first: 2, latest: 3, delta: 1 })
  })

  it("prefers the server's change where it sent one", () => {
    const a = assessment('initial', '2026-01-10', () => 2)
    const b = assessment('closing', '2026-06-10', () => 4)
    const change = assessmentChange({
      data: [a, b],
      change: { health: { level: 'individual', first: 1, latest: 5, delta: 4 } },
      levels: { interpersonal: { first: 2.5, latest: 3, delta: 0.5 } },
    })
    expect(change.domains.find((d) => d.domain === 'health')?.delta).toBe(4)
    expect(change.domains.find((d) => d.domain === 'housing')?.delta).toBe(2)
    expect(change.levels.find((l) => l.level === 'interpersonal')?.delta).toBe(0.5)
  })

  it("rounds the server's means to 2 decimals", () => {
    const change = assessmentChange({
      data: [],
      levels: { environment: { first: 2.3333333333333335, latest: 3.6666666666666665, delta: 1.333333333333333 } },
    })
    expect(change.levels.find((l) => l.level === 'environment')).toEqual({ level: 'environment', first: 2.33, latest: 3.67, delta: 1.33 })
  })

  it('with one assessment there is nothing to compare', () => {
    const change = assessmentChange({ data: [assessment('initial', '2026-01-10', () => 3)] })
    expect(change.comparable).toBe(false)
    expect(change.domains[0].first).toBe(3)
    expect(assessmentChange({ data: [] }).domains[0]).toMatchObject({ first: null, latest: null, delta: null })
  })

  it('means, deltas and order', () => {
    expect(assessmentMean(assessment('initial', '2026-01-01', (d) => (d === 'health' ? 5 : 3)))).toBe(3.18)
    expect(formatDelta(1)).toBe('+1')
    expect(formatDelta(-0.5)).toBe('-0.5')
    expect(formatDelta(0)).toBe('0')
    expect(formatDelta(null)).toBe('')
    const same = [assessment('initial', '2026-01-01', () => 1), assessment('midterm', '2026-01-01', () => 2)]
    expect(sortAssessments(same).map((a) => a.kind)).toEqual(['initial', 'midterm'])
  })

  it('sends all 11 domains in order, without empty texts', () => {
    const form = emptyAssessmentForm('initial', '2026-11-29')
    form.scores.forEach((s, i) => (s.score = (i % 5) + 1))
    form.scores[0].evidence = '  高血压，需长期服药 '
    form.risk_level = 'high'
    const payload = assessmentPayload(form)
    expect(payload.scores.map((s) => s.domain)).toEqual([...DOMAINS])
    expect(payload.scores[0]).toEqual({ domain: 'health', score: 1, evidence: '高血压，需长期服药' })
    expect(payload.scores[1]).toEqual({ domain: 'mental_health', score: 2 })
    expect(payload).toMatchObject({ kind: 'initial', assessed_on: '2026-11-29', risk_level: 'high' })
    expect('summary' in payload).toBe(false)
  })
})

describe('plan', () => {
  it('starts with one empty goal, or from the current plan', () => {
    expect(planForm(null).goals).toHaveLength(1)
    const form = planForm({
      goals: [{ key: 'g1', title: '稳定就医', indicator: '每月复诊', target_date: '2026-12-31' }],
      interventions: [{ description: '陪同就医', goal_index: 0, responsible_user_id: 7 }],
      resources: [{ name: '街道医疗救助' }],
    })
    expect(form.goals[0].key).toBe('g1')
    expect(form.interventions[0]).toEqual({ description: '陪同就医', goal_index: 0, responsible_user_id: 7, responsible_name: '' })
    expect(form.resources[0]).toEqual({ name: '街道医疗救助', note: '' })
  })

  it('sends trimmed text and leaves unset options out', () => {
    const payload = planPayload({
      goals: [{ key: 'g1', title: ' 目标 ', indicator: ' 指标 ', target_date: '2026-12-31' }],
      interventions: [
        { description: ' 措施一 ', goal_index: 0, responsible_user_id: null, responsible_name: ' 志愿者小李 ' },
        { description: '措施二', goal_index: 5, responsible_user_id: 3, responsible_name: '' },
      ],
      resources: [
        { name: ' 资源 ', note: '' },
        { name: '资源二', note: ' 说明 ' },
      ],
    })
    expect(payload).toEqual({
      goals: [{ key: 'g1', title: '目标', indicator: '指标', target_date: '2026-12-31' }],
      interventions: [
        { description: '措施一', goal_index: 0, responsible_name: '志愿者小李' },
        { description: '措施二', responsible_user_id: 3 },
      ],
      resources: [{ name: '资源' }, { name: '资源二', note: '说明' }],
    })
  })

  it('keeps interventions pointing at the right goal when one is removed', () => {
    expect(reindexAfterGoalRemoval([0, 1, 2, null], 1)).toEqual([0, null, 1, null])
  })
})

describe('service records', () => {
  it('sends what was filled in; crisis only when ticked', () => {
    const form = emptyServiceRecordForm('2026-11-29', 12)
    expect(form.staff_ids).toEqual([12])
    Object.assign(form, { mode: 'home_visit', service_type: 'life_care', participant_ids: [1, 2], content: ' 入户探访 ' })
    expect(serviceRecordPayload(form)).toEqual({
      served_on: '2026-11-29',
      duration_minutes: 60,
      mode: 'home_visit',
      service_type: 'life_care',
      participant_ids: [1, 2],
      staff_ids: [12],
      content: '入户探访',
    })
    Object.assign(form, { start_time: '09:30', outcome: '情绪平稳', next_step: '下周电话回访', crisis: true })
    expect(serviceRecordPayload(form)).toMatchObject({ start_time: '09:30', outcome: '情绪平稳', next_step: '下周电话回访', crisis: true })
  })

  it('counts 人次 as participants per record, and hours to one decimal', () => {
    const totals = serviceTotals([
      { participant_ids: [1, 2], duration_minutes: 90 },
      { participant_ids: [1], duration_minutes: 45 },
      { participant_ids: [2], duration_minutes: 30 },
    ])
    expect(totals).toEqual({ person_times: 4, minutes: 165 })
    expect(hours(165)).toBe(2.8)
    expect(hours(0)).toBe(0)
  })
})

describe('personName and actorName', () => {
  it('reads {id, name} or a bare name', () => {
    expect(personName({ id: 1, name: '督导 毛老师' })).toBe('督导 毛老师')
    expect(personName('社工 贾老师')).toBe('社工 贾老师')
    expect(personName(463)).toBe('')
    expect(personName(null)).toBe('')
  })

  it('reads who did something from `{field}` or `{field}_name`, trying fields in turn', () => {
    expect(actorName({ decided_by: 463, decided_by_name: '督导 毛老师' }, 'decided_by')).toBe('督导 毛老师')
    expect(actorName({ decided_by: { id: 463, name: '毛老师' } }, 'decided_by')).toBe('毛老师')
    expect(actorName({ signed_off_by: 463, signed_off_by_name: '毛老师' }, 'signed_by', 'signed_off_by')).toBe('毛老师')
    expect(actorName({ decided_by: null, decided_by_name: null }, 'decided_by')).toBe('')
    expect(actorName(null, 'x')).toBe('')
  })
})

describe('timelineText', () => {
  const ev = (kind: string, summary: string, reason = '', to_state: null | 'closed' = null) => ({ kind, summary, reason, to_state })

  it('turns the codes the server writes into labels', () => {
    expect(timelineText(t, te, ev('assessment', 'initial:high')).summary).toBe('初始评估 · 风险等级 高')
    expect(timelineText(t, te, ev('plan_version', 'v2 submitted')).summary).toBe('第 2 版 · 待审批')
    expect(timelineText(t, te, ev('plan_decision', 'approved')).summary).toBe('已批准')
    expect(timelineText(t, te, ev('closing', 'goals_met')).summary).toBe('目标达成')
    expect(timelineText(t, te, ev('referral', 'share')).summary).toBe('共享')
    expect(timelineText(t, te, ev('referral', 'external')).summary).toBe('外部资源')
    expect(timelineText(t, te, ev('consent', 'data_sharing')).summary).toBe('信息共享同意')
    expect(timelineText(t, te, ev('service_record', 'life_care · 2人次 · 90min')).summary).toBe('生活照料 · 2人次 · 90min')
    expect(timelineText(t, te, ev('state_change', '', 'goals_met', 'closed')).reason).toBe('目标达成')
    expect(timelineText(t, te, ev('follow_up', '2026-12-29')).summary).toBe('应回访日期 2026-12-29')
  })

  it('leaves free text alone', () => {
    expect(timelineText(t, te, ev('alert', '评估风险等级：high')).summary).toBe('评估风险等级：high')
    expect(timelineText(t, te, ev('state_change', '', '住院治疗')).reason).toBe('住院治疗')
    expect(timelineText(t, te, ev('plan_decision', 'something_new')).summary).toBe('something_new')
    expect(timelineText(t, te, { kind: 'follow_up', summary: null, reason: null, to_state: null })).toEqual({ summary: '', reason: '' })
  })
})
