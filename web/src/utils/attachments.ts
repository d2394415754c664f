// Plain helpers of case attachments: the client-side checks before an upload (size and type;
// the server decides the type from the content and has the last word), the Content-Type to
// declare, and sizes and type names for the list.

/** 20 MB: the server answers 413 above it. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024

/** Accepted file extensions and the Content-Type each declares. */
export const ATTACHMENT_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
}

const ACCEPTED_MIME = new Set(Object.values(ATTACHMENT_TYPES))

/** The `accept` attribute of the file input: `.jpg,.jpeg,…`. */
export const ATTACHMENT_ACCEPT = Object.keys(ATTACHMENT_TYPES)
  .map((ext) => `.${ext}`)
  .join(',')

/** The lower-case extension of a file name, without the dot; '' when it has none. */
export function fileExtension(name: string | null | undefined): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? ''
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : ''
}

export interface FileLike {
  name: string
  size: number
  type?: string
}

/**
 * The Content-Type to declare: the browser's when it is an accepted one, else the one of the
 * extension; '' when neither is accepted.
 */
export function attachmentContentType(file: Pick<FileLike, 'name' | 'type'>): string {
  const declared = (file.type ?? '').toLowerCase()
  if (ACCEPTED_MIME.has(declared)) {
    return declared
  }
  return ATTACHMENT_TYPES[fileExtension(file.name)] ?? ''
}

export type AttachmentProblem = 'empty' | 'too_large' | 'type'

/** What the client can tell before an upload: an empty file, one over 20 MB, or a type not accepted. */
export function attachmentProblem(file: FileLike): AttachmentProblem | null {
  if (!(fileExtension(file.name) in ATTACHMENT_TYPES)) {
    return 'type'
  }
  if (file.size <= 0) {
    return 'empty'
  }
  return file.size > ATTACHMENT_MAX_BYTES ? 'too_large' : null
}

/** 532 → "532 B", 2048 → "2.0 KB", 5_300_000 → "5.1 MB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) {
    return ''
  }
  if (bytes < 1024) {
    return `${bytes} B`
  }
  if (bytes < 1024 * 1024) {
    return `${(bytes / 1024).toFixed(1)} KB`
  }
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

export type AttachmentKind = 'image' | 'pdf' | 'word' | 'excel' | 'powerpoint' | 'other'

/** The kind of file a Content-Type names, for the list's type column. */
export function attachmentKind(contentType: string | null | undefined): AttachmentKind {
  const ct = (contentType ?? '').toLowerCase().split(';')[0].trim()
  if (ct.startsWith('image/')) {
    return 'image'
  }
  if (ct === 'application/pdf') {
    return 'pdf'
  }
  if (ct === 'application/msword' || ct.includes('wordprocessingml')) {
    return 'word'
  }
  if (ct === 'application/vnd.ms-excel' || ct.includes('spreadsheetml')) {
    return 'excel'
  }
  if (ct === 'application/vnd.ms-powerpoint' || ct.includes('presentationml')) {
    return 'powerpoint'
  }
  return 'other'
}
