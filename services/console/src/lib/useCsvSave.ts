// A CSV download as a button does it: busy while fetching, the file saved or
// the reason said, and an expired session sent to sign in and back.
import { ElMessage } from 'element-plus'
import { ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { saveBlob, type DownloadOutcome } from './download'
import { session } from './session'

export function useCsvSave() {
  const route = useRoute()
  const router = useRouter()
  const busy = ref(false)

  /** Fetch with the current token (`fetchIt(token)`), then save or say why not. */
  async function save(fetchIt: (token: string | null) => Promise<DownloadOutcome>): Promise<void> {
    busy.value = true
    try {
      const outcome = await fetchIt(session.token())
      if (!outcome.ok) {
        ElMessage.error(outcome.message)
        if (outcome.expired) {
          // As the GraphQL client does (main.ts): sign in again, then back here.
          session.expire()
          void router.replace({ name: 'login', query: { redirect: route.fullPath } })
        }
        return
      }
      saveBlob(outcome.blob, outcome.fileName)
      ElMessage.success(`已下载：${outcome.fileName}`)
    } finally {
      busy.value = false
    }
  }

  return { busy, save }
}
