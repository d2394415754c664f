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
  householdForm,
  householdPayload,
  householdUpdatePayload,
  isCategory,
  memberTags,
  mobileProblem,
  normalizeMobile,
  personForm,
  personPayload,
  personUpdatePayload,
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

describe('edit forms', () => {
  const household = {
    id: 7,
    organization_id: 1,
    district_code: '310101',
    district_name: '黄浦区',
    street_code: '310101002',
    street_name: '南京东路街道',
    community: '宁海居委',
    address_detail: '南京****',
    categories: [{ category: 'dibao' as const, certificate: 'DB-1', valid_from: '2024-01-01', valid_to: null }],
    notes: '备注',
    version: 4,
    created_at: '2026-11-01T00:00:00Z',
    updated_at: '2026-11-02T00:00:00Z',
  }

  it('household: starts from the household, the masked address empty', () => {
    const form = householdForm(household)
    expect(form).toEqual({
      district_code: '310101',
      street_code: '310101002',
      community: '宁海居委',
      address_detail: '',
      categories: [{ category: 'dibao', certificate: 'DB-1', valid_from: '2024-01-01', valid_to: null }],
      notes: '备注',
    })
    // The form's rows are copies: editing them leaves the household alone.
    form.categories[0].certificate = 'X'
    expect(household.categories[0].certificate).toBe('DB-1')
  })

  it('household: sends version, and the address only when one was typed', () => {
    const form = householdForm(household)
    form.community = ' 新居委 '
    const payload = householdUpdatePayload(form, 4)
    expect(payload).toEqual({
      district_code: '310101',
      street_code: '310101002',
      community: '新居委',
      categories: [{ category: 'dibao', certificate: 'DB-1', valid_from: '2024-01-01', valid_to: null }],
      notes: '备注',
      version: 4,
    })
    expect('address_detail' in payload).toBe(false)
    form.address_detail = ' 南京东路 1 号 '
    expect(householdUpdatePayload(form, 4).address_detail).toBe('南京东路 1 号')
  })

  it('person: keeps relation, name, gender and birth date; sensitive fields start empty', () => {
    const form = personForm({ relation: 'head', name: '王某', gender: 'male', birth_date: '1958-03-12' })
    expect(form).toEqual({ ...emptyPersonForm(), relation: 'head', name: '王某', gender: 'male', birth_date: '1958-03-12' })
    // Left empty, they are not sent (unchanged); the version is.
    expect(personUpdatePayload(form, 2)).toEqual({ relation: 'head', name: '王某', gender: 'male', birth_date: '1958-03-12', version: 2 })
    form.phone = '139 1234 5678'
    expect(personUpdatePayload(form, 2).phone).toBe('13912345678')
  })
})
