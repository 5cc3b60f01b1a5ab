// Changes made with one button (not a form): asked about first when they
// cannot be undone lightly, and their failure said in a message.
import { ElMessage, ElMessageBox } from 'element-plus'
import type { Outcome } from './outcome'

/** Whether the user confirmed; closing the box or 取消 is a no. */
export async function confirmed(message: string, title: string, button: string): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, { type: 'warning', confirmButtonText: button, cancelButtonText: '取消' })
    return true
  } catch {
    return false
  }
}

/** The payload when the change went through; otherwise null, once a message has said why not. */
export function reported<P>(outcome: Outcome<P>): P | null {
  if (outcome.ok) return outcome.payload
  ElMessage.error(outcome.general.join('；'))
  return null
}
