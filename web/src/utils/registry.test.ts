import { beforeEach, describe, expect, it } from 'vitest'
import { CATEGORIES, RELATIONS } from '@/api/types'
import { messages, setLocale, t } from '@/locales'
import {
  categoryLabel,
  categoryTagType,
  categoryValidity,
  conditionsPayload,
  emptyConditionsForm,
  emptyHouseholdForm,
  emptyPersonForm,
  householdPayload,
  isCategory,
  memberTags,
  mobileProblem,
  normalizeMobile,
  personPayload,
  relationLabel,
  sortCategories,
} from './registry'

beforeEach(() => setLocale('zh-CN'))

describe('category labels', () => {
  it('names each category as the civil-affairs terms have it', () => {
    expect(CATEGORIES.map((c) => categoryLabel(t, c))).toEqual([
      '低保',
      '低收入困难家庭',
      '支出型贫困',
      '特困',
      '临时救助',
      '政策边缘',
    ])
  })

  it('has a label for every category and relation in both languages', () => {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const hh = messages[locale].households
      for (const c of CATEGORIES) {
        expect(typeof hh.category[c], `${locale} ${c}`).toBe('string')
      }
      for (const r of RELATIONS) {
        expect(typeof hh.relation[r], `${locale} ${r}`).toBe('string')
      }
    }
    setLocale('en-US')
    expect(categoryLabel(t, 'dibao')).toBe('Minimum living allowance')
    expect(relationLabel(t, 'head')).toBe('Head of household')
  })

  it('shows a category or relation it does not know as the code', () => {
    expect(isCategory('dibao')).toBe(true)
    expect(isCategory('something_new')).toBe(false)
    expect(categoryLabel(t, 'something_new')).toBe('something_new')
    expect(categoryTagType('something_new')).toBe('info')
    expect(relationLabel(t, 'cousin')).toBe('cousin')
  })

  it('sorts categories in the order of the list, unknown ones last', () => {
    const sorted = sortCategories([{ category: 'policy_edge' }, { category: 'zzz' }, { category: 'dibao' }])
    expect(sorted.map((c) => c.category)).toEqual(['dibao', 'policy_edge', 'zzz'])
    expect(sortCategories(null)).toEqual([])
  })

  it('describes the validity, open-ended or not', () => {
    expect(categoryValidity(t, { valid_from: '2024-01-01', valid_to: '2025-12-31' })).toBe('2024-01-01 至 2025-12-31')
    expect(categoryValidity(t, { valid_from: '2024-01-01', valid_to: null })).toBe('2024-01-01 起')
  })
})

describe('memberTags', () => {
  it('marks minors and the elderly', () => {
    expect(memberTags({ is_minor: true, is_elderly: false })).toEqual(['minor'])
    expect(memberTags({ is_minor: false, is_elderly: true })).toEqual(['elderly'])
    expect(memberTags({ is_minor: false, is_elderly: false })).toEqual([])
    expect(t('households.person.tag.minor')).toBe('未成年')
    expect(t('households.person.tag.elderly')).toBe('老年')
  })
})

describe('mobile numbers', () => {
  it('normalize as the server does', () => {
    expect(normalizeMobile('+86 139-1234-5678')).toBe('13912345678')
    expect(normalizeMobile('0086１３９１２３４５６７８')).toBe('13912345678')
  })

  it('are optional, else 11 digits starting 13–19', () => {
    expect(mobileProblem('')).toBeNull()
    expect(mobileProblem('139 1234 5678')).toBeNull()
    expect(mobileProblem('12912345678')).toBe('format')
    expect(mobileProblem('1391234567')).toBe('format')
  })
})

describe('payloads', () => {
  it('household: trims text, sends an open-ended category with valid_to null', () => {
    const form = emptyHouseholdForm()
    Object.assign(form, {
      district_code: '310101',
      street_code: '310101002',
      community: ' 某居委 ',
      address_detail: ' 南京东路 1 号 ',
      notes: '  ',
      categories: [
        { category: 'dibao', certificate: ' C-1 ', valid_from: '2024-01-01', valid_to: '' },
        { category: 'policy_edge', certificate: '', valid_from: '2024-02-01', valid_to: '2024-12-31' },
      ],
    })
    expect(householdPayload(form)).toEqual({
      district_code: '310101',
      street_code: '310101002',
      community: '某居委',
      address_detail: '南京东路 1 号',
      notes: '',
      categories: [
        { category: 'dibao', certificate: 'C-1', valid_from: '2024-01-01', valid_to: null },
        { category: 'policy_edge', certificate: '', valid_from: '2024-02-01', valid_to: '2024-12-31' },
      ],
    })
  })

  it('conditions: only what was filled in, or nothing at all', () => {
    expect(conditionsPayload(emptyConditionsForm())).toBeUndefined()
    expect(conditionsPayload({ ...emptyConditionsForm(), illness: '  ' })).toBeUndefined()
    expect(
      conditionsPayload({ illness: ' 高血压 ', disability_type: '', disability_grade: 2, living_alone: true, school_work_status: '' }),
    ).toEqual({ illness: '高血压', disability_grade: 2, living_alone: true })
  })

  it('person: normalized ID and phone, empty optional parts left out', () => {
    const form = emptyPersonForm()
    Object.assign(form, { relation: 'head', name: ' 张三 ', gender: 'male', birth_date: '1958-03-12' })
    expect(personPayload(form)).toEqual({ relation: 'head', name: '张三', gender: 'male', birth_date: '1958-03-12' })
    form.id_number = '310101 19580312 0178'
    form.phone = '+86 139 1234 5678'
    form.conditions.living_alone = true
    expect(personPayload(form)).toEqual({
      relation: 'head',
      name: '张三',
      gender: 'male',
      birth_date: '1958-03-12',
      id_number: '310101195803120178',
      phone: '13912345678',
      conditions: { living_alone: true },
    })
  })
})
