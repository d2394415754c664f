import { onBeforeUnmount, onMounted } from 'vue'

/** A chart follows the window's size, and is redrawn for printing (and back afterwards). */
export function useChartResize(chart: () => { resize: () => void } | null): void {
  const resize = () => chart()?.resize()
  onMounted(() => {
    window.addEventListener('resize', resize)
    window.addEventListener('beforeprint', resize)
    window.addEventListener('afterprint', resize)
  })
  onBeforeUnmount(() => {
    window.removeEventListener('resize', resize)
    window.removeEventListener('beforeprint', resize)
    window.removeEventListener('afterprint', resize)
  })
}
