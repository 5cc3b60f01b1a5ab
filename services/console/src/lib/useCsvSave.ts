// A download as a button does it: busy while fetching, then saved or the
// reason said (useDownload), an expired session sent to sign in and back.
import { ref } from 'vue'
import type { DownloadOutcome } from './download'
import { session } from './session'
import { useDownload } from './useDownload'

export function useCsvSave() {
  const busy = ref(false)
  const handle = useDownload()

  /** Fetch with the current token (`fetchIt(token)`), then save or say why not. */
  async function save(fetchIt: (token: string | null) => Promise<DownloadOutcome>): Promise<void> {
    busy.value = true
    try {
      handle(await fetchIt(session.token()))
    } finally {
      busy.value = false
    }
  }

  return { busy, save }
}
