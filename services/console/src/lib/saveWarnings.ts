// After a save: what the API saved but screens will not show as typed (a
// character no screen font has, drawn as 〓), said where the editor looks
// next, since the form leaves for the list.
import { ElMessage } from 'element-plus'
import type { SaveWarning } from './drafts'

export function showSaveWarnings(warnings: readonly SaveWarning[]): void {
  if (!warnings.length) return
  ElMessage({
    type: 'warning',
    message: `已保存，但请注意：${warnings.map((w) => w.message).join('；')}`,
    duration: 12_000,
    showClose: true,
    customClass: 'save-warning',
  })
}
