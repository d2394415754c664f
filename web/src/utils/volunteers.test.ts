import { describe, expect, it } from 'vitest'
import type { FormItemRule } from 'element-plus'
import { messages } from '@/locales'
import { SCORE_FACTORS, SCORE_REASONS, SLOTS, type PairingBoardRow, type ScorePart, type Visit } from '@/api/volunteerTypes'
import { signupRules, visitRules } from './volunteerRules'
import {
  daySlots,
  durationMinutes,
  emptySignupForm,
  formatDuration,
  grantedRows,
  hoursChartSeries,
  latestBirthDateAt16,
  minutesToHours,
  nextDue,
  partExplanation,
  partPercent,
  partSlots,
  queueRows,
  serviceTypeLabel,
  signupPayload,
  slotLabel,
  sortParts,
  sortSlots,
  toggleSlot,
  toggleSlots,
  visitForm,
  visitPayload,
  vLabel,
  vLabels,
  VISIT_SERVICE_TYPES_FALLBACK,
  withServiceType,
} from './volunteers'

/** A translator over the zh-CN messages, filling `{param}`s; unknown keys come back as is. */
function lookup(key: string): unknown {
  return key.split('.').reduce<unknown>((node, k) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined), messages['zh-CN'])
}
const te = (key: string) => typeof lookup(key) === 'string'
const t = (key: string, params?: Record<string, unknown>) => {
  const m = lookup(key)
  return typeof m === 'string' ? m.replace(/\{(\w+)\}/g, (_s, p: string) => String(params?.[p] ?? `{${p}}`)) : key
}

async function check(rules: FormItemRule | FormItemRule[] | undefined, value: unknown): Promise<string | null> {
  for (const rule of ([] as FormItemRule[]).concat(rules ?? [])) {
    if (rule.validator) {
      const message = await new Promise<string | null>((resolve) => {
        ;(rule.validator as (r: unknown, v: unknown, cb: (e?: Error) => void) => void)(rule, value, (e) => resolve(e ? e.message : null))
      })
      if (message) {
        return message
      }
    } else if (rule.required && (value === '' || value === null || value === undefined)) {
      return String(rule.message)
    }
  }
  return null
}

describe('labels', () => {
  it('labels codes from the locale, and leaves unknown codes as they are', () => {
    expect(vLabel(t, te, 'skill', 'tutoring_math')).toBe('数学辅导')
    expect(vLabel(t, te, 'skill', 'juggling')).toBe('juggling')
    expect(vLabel(t, te, 'skill', null)).toBe('')
    expect(vLabels(t, te, 'language', ['mandarin', 'shanghainese'])).toBe('普通话、上海话')
  })

  it('has a label for every vocabulary code and score reason in both languages', () => {
    const groups: [string, readonly string[]][] = [
      ['skill', ['tutoring_chinese', 'job_coaching', 'it']],
      ['factor', SCORE_FACTORS],
    ]
    for (const [group, codes] of groups) {
      for (const code of codes) {
        expect(te(`volunteers.${group}.${code}`), `${group}.${code}`).toBe(true)
      }
    }
    for (const factor of SCORE_FACTORS) {
      for (const reason of SCORE_REASONS[factor]) {
        for (const locale of ['zh-CN', 'en-US'] as const) {
          const m = (messages[locale] as Record<string, Record<string, Record<string, Record<string, unknown>>>>).volunteers.reason[factor]?.[reason]
          expect(typeof m, `${locale} ${factor}.${reason}`).toBe('string')
        }
      }
    }
  })
})

describe('weekly slots', () => {
  it('labels a slot by day and part', () => {
    expect(slotLabel(t, 'sat_am')).toBe('周六上午')
    expect(slotLabel(t, 'sun_eve')).toBe('周日晚上')
    expect(slotLabel(t, 'someday')).toBe('someday')
  })

  it('keeps slots in grid order without duplicates or unknown codes', () => {
    expect(sortSlots(['sun_eve', 'mon_am', 'bogus', 'mon_am'])).toEqual(['mon_am', 'sun_eve'])
    expect(toggleSlot(['sat_am'], 'mon_pm', true)).toEqual(['mon_pm', 'sat_am'])
    expect(toggleSlot(['sat_am', 'mon_pm'], 'sat_am', false)).toEqual(['mon_pm'])
  })

  it('checks a whole day or a whole part of the week at once', () => {
    expect(daySlots('wed')).toEqual(['wed_am', 'wed_pm', 'wed_eve'])
    expect(partSlots('eve')).toHaveLength(7)
    expect(toggleSlots([], daySlots('sat'), true)).toEqual(['sat_am', 'sat_pm', 'sat_eve'])
    expect(toggleSlots(SLOTS, partSlots('am'), false)).toHaveLength(14)
  })
})

describe('hours', () => {
  it('turns minutes into hours with one decimal', () => {
    expect(minutesToHours(90)).toBe(1.5)
    expect(minutesToHours(100)).toBe(1.7)
    expect(minutesToHours(null)).toBe(0)
    expect(formatDuration(t, 45)).toBe('45 分钟')
    expect(formatDuration(t, 120)).toBe('2 小时')
    expect(formatDuration(t, 135)).toBe('2 小时 15 分钟')
  })

  it('orders the months of the chart', () => {
    expect(hoursChartSeries([{ month: '2026-03', minutes: 90 }, { month: '2026-01', minutes: 60 }])).toEqual({ months: ['2026-01', '2026-03'], hours: [1, 1.5] })
    expect(hoursChartSeries(undefined)).toEqual({ months: [], hours: [] })
  })

  it('reads a duration typed in minutes or hours', () => {
    expect(durationMinutes(90, 'minutes')).toBe(90)
    expect(durationMinutes(1.5, 'hours')).toBe(90)
    expect(durationMinutes('2', 'hours')).toBe(120)
    expect(durationMinutes(null, 'hours')).toBeNull()
    expect(durationMinutes('x', 'minutes')).toBeNull()
  })
})

describe('score explanation', () => {
  const part = (p: Partial<ScorePart>): ScorePart => ({ factor: 'distance', points: 0, max: 30, reason: '', ...p })

  it('explains each part in words, with what matched', () => {
    expect(partExplanation(t, te, part({ factor: 'distance', points: 30, reason: 'same_street' }))).toBe('同一街道')
    expect(partExplanation(t, te, part({ factor: 'distance', points: 18, reason: 'same_district' }))).toBe('同区不同街道')
    expect(partExplanation(t, te, part({ factor: 'distance', points: 5, reason: 'elsewhere' }))).toBe('不在同一区')
    expect(partExplanation(t, te, part({ factor: 'skills', points: 13, max: 25, reason: 'some_matched', matched: ['tutoring_math', 'companionship'] }))).toBe(
      '满足部分需求：数学辅导、陪伴聊天',
    )
    expect(partExplanation(t, te, part({ factor: 'skills', points: 12, max: 25, reason: 'no_needs' }))).toBe('暂无明确需求，记基础分')
    expect(partExplanation(t, te, part({ factor: 'language', points: 10, max: 10, reason: 'spoken', matched: ['shanghainese'] }))).toBe('会说家庭需要的语言：上海话')
    expect(partExplanation(t, te, part({ factor: 'availability', points: 8, max: 15, reason: 'overlap', matched: ['sat_am'] }))).toBe('与希望的时段重合：周六上午')
    expect(partExplanation(t, te, part({ factor: 'availability', points: 15, max: 15, reason: 'slots_offered', matched: SLOTS.slice(0, 7) }))).toBe('每周可服务 7 个时段')
    expect(partExplanation(t, te, part({ factor: 'safeguarding', points: 5, max: 10, reason: 'no_agreement' }))).toBe('已培训，未签署承诺书')
    expect(partExplanation(t, te, part({ factor: 'load', points: 7, max: 10, reason: 'has_pairings', pairings: 1 }))).toBe('目前已有 1 个结对')
  })

  it('falls back to the points for a reason it does not know', () => {
    expect(partExplanation(t, te, part({ factor: 'distance', points: 3, reason: 'moon' }))).toBe('3/30 分（moon）')
    expect(partExplanation(t, te, part({ factor: 'mystery', points: 3, max: 5, reason: '' }))).toBe('3/5 分')
  })

  it('orders the parts and gives each a share of its maximum', () => {
    const parts = [part({ factor: 'load' }), part({ factor: 'distance' }), part({ factor: 'other' }), part({ factor: 'skills' })]
    expect(sortParts(parts).map((p) => p.factor)).toEqual(['distance', 'skills', 'load', 'other'])
    expect(partPercent({ points: 18, max: 30 })).toBe(60)
    expect(partPercent({ points: 5, max: 0 })).toBe(0)
  })
})

describe('pairings and visits', () => {
  const visit: Visit = {
    id: 11,
    pairing_id: 3,
    case_id: 5,
    volunteer_id: 7,
    visited_on: '2026-03-07',
    duration_minutes: 90,
    activities: '数学辅导',
    service_type: 'tutoring',
    concerns: [{ type: 'health', note: '咳嗽' }],
    status: 'queried',
    query_comment: '时长有误',
    service_record_id: null,
    confirmed_by: null,
    confirmed_at: null,
  }

  it('names the queue rows from the board when the queue does not', () => {
    const board = [{ id: 3, case_number: 'C-2026-0005', volunteer: { id: 7, name: '王小明' } }] as PairingBoardRow[]
    expect(queueRows([visit], board)[0]).toMatchObject({ case_number: 'C-2026-0005', volunteer_name: '王小明' })
    expect(queueRows([{ ...visit, case_number: 'X', volunteer_name: 'Y' }], board)[0]).toMatchObject({ case_number: 'X', volunteer_name: 'Y' })
    expect(queueRows([visit], [])[0]).toMatchObject({ case_number: '5', volunteer_name: '' })
  })

  it('computes the next due date from the cadence', () => {
    expect(nextDue('2026-02-25', 'weekly')).toBe('2026-03-04')
    expect(nextDue('2026-12-20', 'biweekly')).toBe('2027-01-03')
    expect(nextDue(null, 'monthly')).toBe('')
  })

  it('edits a visit as minutes and sends it back without empty parts', () => {
    const form = visitForm(visit)
    expect(form).toMatchObject({ duration: 90, unit: 'minutes', concerns: [{ type: 'health', note: '咳嗽' }] })
    expect(visitPayload({ ...form, unit: 'hours', duration: 1.5, activities: ' 陪伴 ', service_type: '', concerns: [{ type: '', note: 'x' }] })).toEqual({
      visited_on: '2026-03-07',
      duration_minutes: 90,
      activities: '陪伴',
    })
    expect(visitPayload(form).concerns).toEqual([{ type: 'health', note: '咳嗽' }])
  })

  it('names a service type in the current locale: the catalogue, then the locale file, then the code', () => {
    const both = { code: 'tutoring', name: '学业辅导（目录）', name_zh: '学业辅导（目录）', name_en: 'Tutoring (catalogue)' }
    expect(serviceTypeLabel(t, te, 'zh-CN', both)).toBe('学业辅导（目录）')
    expect(serviceTypeLabel(t, te, 'en-US', both)).toBe('Tutoring (catalogue)')
    // No English name: the locale file names a known code; an unknown code keeps its name.
    expect(serviceTypeLabel(t, te, 'en-US', { code: 'life_care', name: '生活照料', name_zh: '生活照料' })).toBe(t('cases.serviceType.life_care'))
    expect(serviceTypeLabel(t, te, 'en-US', { code: 'new_kind', name: '新类别', name_zh: '新类别' })).toBe('新类别')
    expect(serviceTypeLabel(t, te, 'zh-CN', { code: 'new_kind', name: '' })).toBe('new_kind')
    // The fallback list is named by the locale files.
    for (const s of VISIT_SERVICE_TYPES_FALLBACK) {
      expect(te(`cases.serviceType.${s.code}`)).toBe(true)
    }
  })

  it("keeps a visit's retired service type among the choices", () => {
    const list = [{ code: 'tutoring', name: '学业辅导' }]
    expect(withServiceType(list, 'tutoring')).toEqual(list)
    expect(withServiceType(list, '')).toEqual(list)
    expect(withServiceType(list, 'old_kind')).toEqual([...list, { code: 'old_kind', name: 'old_kind' }])
  })

  it('reads granted details whatever their shape', () => {
    expect(grantedRows(t, { id_numbers: [{ person_id: 1, given_name: '小明', id_number: '310104201001010011' }], income: null })).toEqual([
      { key: 'id_numbers', label: '身份证号', value: '小明 310104201001010011' },
    ])
    expect(grantedRows(t, undefined)).toEqual([])
  })
})

describe('sign-up', () => {
  it('sends a trimmed, normalized body, the motivation only when given', () => {
    const form = {
      ...emptySignupForm(),
      name: ' 王小明 ',
      gender: 'male' as const,
      birth_date: '1998-05-14',
      id_number: '31010419980514001x',
      phone: '139 1234 5678',
      district_code: '310104',
      street_code: '310104003',
      availability: ['sat_am' as const, 'mon_pm' as const],
      organization_ids: [1],
      username: ' xiaoming ',
      password: 'Secret-pass-1',
      password_confirm: 'Secret-pass-1',
    }
    const body = signupPayload(form)
    expect(body).toMatchObject({ name: '王小明', id_number: '31010419980514001X', phone: '13912345678', availability: ['mon_pm', 'sat_am'], username: 'xiaoming' })
    expect(body).not.toHaveProperty('motivation')
    expect(body).not.toHaveProperty('password_confirm')
    expect(signupPayload({ ...form, motivation: ' 想帮助别人 ' }).motivation).toBe('想帮助别人')
  })

  it('knows the latest birth date of a 16-year-old', () => {
    expect(latestBirthDateAt16('2026-11-29')).toBe('2010-11-29')
    expect(latestBirthDateAt16('2028-02-29')).toBe('2012-02-28')
  })

  it('checks age, ID number, phone, organizations and the repeated password', async () => {
    const form = { id_number: '', username: 'xiaoming', password: 'Secret-pass-1' }
    const rules = signupRules(t, () => '2026-11-29', () => form)
    expect(await check(rules.birth_date, '2011-01-01')).toBe('须年满 16 周岁')
    expect(await check(rules.birth_date, '2010-11-29')).toBeNull()
    expect(await check(rules.id_number, '310104199805140012')).toBe('校验位错误')
    expect(await check(rules.phone, '12345')).toBe('格式错误')
    expect(await check(rules.phone, '')).toBe('必填项')
    expect(await check(rules.organization_ids, [])).toBe('必填项')
    expect(await check(rules.organization_ids, [1, 2, 3, 4])).toBe('最多选择 3 个机构')
    expect(await check(rules.password_confirm, 'Secret-pass-2')).toBe('两次输入的密码不一致')
    expect(await check(rules.password_confirm, 'Secret-pass-1')).toBeNull()
  })

  it('checks a visit: not in the future, not before the start, 1 minute to 12 hours', async () => {
    let unit: 'minutes' | 'hours' = 'minutes'
    const rules = visitRules(t, () => '2026-11-29', () => '2026-03-01', () => unit)
    expect(await check(rules.visited_on, '2026-11-30')).not.toBeNull()
    expect(await check(rules.visited_on, '2026-02-28')).toBe('不能早于结对开始日期 2026-03-01')
    expect(await check(rules.visited_on, '2026-11-29')).toBeNull()
    expect(await check(rules.duration, 721)).toBe('时长须在 1 分钟到 12 小时之间')
    expect(await check(rules.duration, 90)).toBeNull()
    unit = 'hours'
    expect(await check(rules.duration, 12.5)).not.toBeNull()
    expect(await check(rules.duration, 12)).toBeNull()
    expect(await check(rules.duration, null)).toBe('必填项')
  })
})
