import { describe, expect, it } from 'vitest'
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  attachmentContentType,
  attachmentKind,
  attachmentProblem,
  fileExtension,
  formatBytes,
} from './attachments'
import { messages } from '@/locales'

const MB = 1024 * 1024

describe('attachment checks', () => {
  it('accept the contract types: images, PDF, Word, Excel, PowerPoint (old and OOXML)', () => {
    expect(Object.keys(ATTACHMENT_TYPES).sort()).toEqual(
      ['jpg', 'jpeg', 'png', 'gif', 'webp', 'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx'].sort(),
    )
    expect(ATTACHMENT_ACCEPT.split(',')).toContain('.pptx')
    expect(ATTACHMENT_ACCEPT.split(',')).toContain('.jpeg')
  })

  it('find the extension, whatever the case', () => {
    expect(fileExtension('照片.PNG')).toBe('png')
    expect(fileExtension('report.final.docx')).toBe('docx')
    expect(fileExtension('C:\\fakepath\\a.pdf')).toBe('pdf')
    expect(fileExtension('README')).toBe('')
    expect(fileExtension('.bashrc')).toBe('')
    expect(fileExtension(null)).toBe('')
  })

  it('refuse a type not accepted, an empty file and one over 20 MB', () => {
    expect(ATTACHMENT_MAX_BYTES).toBe(20 * MB)
    expect(attachmentProblem({ name: 'a.png', size: 100, type: 'image/png' })).toBeNull()
    expect(attachmentProblem({ name: 'a.docx', size: 20 * MB })).toBeNull()
    expect(attachmentProblem({ name: 'a.docx', size: 20 * MB + 1 })).toBe('too_large')
    expect(attachmentProblem({ name: 'a.pdf', size: 0 })).toBe('empty')
    expect(attachmentProblem({ name: 'a.exe', size: 100 })).toBe('type')
    expect(attachmentProblem({ name: 'a.svg', size: 100, type: 'image/svg+xml' })).toBe('type')
    expect(attachmentProblem({ name: 'noext', size: 100 })).toBe('type')
  })

  it('declare the browser type when accepted, else the extension’s', () => {
    expect(attachmentContentType({ name: 'a.png', type: 'image/png' })).toBe('image/png')
    expect(attachmentContentType({ name: 'a.doc', type: '' })).toBe('application/msword')
    expect(attachmentContentType({ name: 'a.xlsx', type: 'application/octet-stream' })).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    expect(attachmentContentType({ name: 'a.JPG', type: '' })).toBe('image/jpeg')
    expect(attachmentContentType({ name: 'a.exe', type: '' })).toBe('')
  })
})

describe('attachment list', () => {
  it('writes sizes readably', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(532)).toBe('532 B')
    expect(formatBytes(2048)).toBe('2.0 KB')
    expect(formatBytes(5.3 * MB)).toBe('5.3 MB')
    expect(formatBytes(null)).toBe('')
    expect(formatBytes(-1)).toBe('')
  })

  it('names the kind of file, with a label in both languages', () => {
    expect(attachmentKind('image/webp')).toBe('image')
    expect(attachmentKind('application/pdf')).toBe('pdf')
    expect(attachmentKind('application/msword')).toBe('word')
    expect(attachmentKind(ATTACHMENT_TYPES.docx)).toBe('word')
    expect(attachmentKind('application/vnd.ms-excel')).toBe('excel')
    expect(attachmentKind(ATTACHMENT_TYPES.xlsx)).toBe('excel')
    expect(attachmentKind(ATTACHMENT_TYPES.ppt)).toBe('powerpoint')
    expect(attachmentKind(ATTACHMENT_TYPES.pptx)).toBe('powerpoint')
    expect(attachmentKind('text/plain')).toBe('other')
    expect(attachmentKind(null)).toBe('other')
    for (const locale of ['zh-CN', 'en-US'] as const) {
      for (const kind of ['image', 'pdf', 'word', 'excel', 'powerpoint', 'other']) {
        expect(typeof messages[locale].cases.attachments.kind[kind], `${locale} ${kind}`).toBe('string')
      }
    }
  })
})
