// What a page does with a fetched file (lib/download.ts): save it and say so,
// or say why not; an expired session signs in again, then comes back here.
import { ElMessage } from 'element-plus'
import { useRoute, useRouter } from 'vue-router'
import type { DownloadOutcome } from './download'
import { saveBlob } from './download'
import { session } from './session'

export function useDownload(): (outcome: DownloadOutcome) => void {
  const route = useRoute()
  const router = useRouter()
  return (outcome) => {
    if (!outcome.ok) {
      ElMessage.error(outcome.message)
      if (outcome.expired) {
        // As the GraphQL client does (main.ts).
        session.expire()
        void router.replace({ name: 'login', query: { redirect: route.fullPath } })
      }
      return
    }
    saveBlob(outcome.blob, outcome.fileName)
    ElMessage.success(`已下载：${outcome.fileName}`)
  }
}
