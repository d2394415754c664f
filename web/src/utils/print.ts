// Printing one part of a page: the element marked `.print-target` (a dialog's links, say). The
// body gets `printing-target` for the print (see styles/main.css), and loses it afterwards.
export const PRINT_TARGET_CLASS = 'printing-target'

export function printOnly(): void {
  if (typeof window === 'undefined' || typeof document === 'undefined') {
    return
  }
  const body = document.body
  body.classList.add(PRINT_TARGET_CLASS)
  const done = () => {
    body.classList.remove(PRINT_TARGET_CLASS)
    window.removeEventListener('afterprint', done)
  }
  window.addEventListener('afterprint', done)
  window.print()
}
