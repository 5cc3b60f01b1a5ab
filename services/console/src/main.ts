import urql from '@urql/vue'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import { createApp } from 'vue'
import App from './App.vue'
import { createApiClient } from './lib/client'
import { session } from './lib/session'
import { createConsoleRouter } from './router'
import './styles.css'

// Pickers name months and weekdays through dayjs: in Chinese as well.
dayjs.locale('zh-cn')

const router = createConsoleRouter(session)
const client = createApiClient(session, () => {
  // Back to sign-in, then back here: the login page follows `redirect`.
  const here = router.currentRoute.value
  session.expire()
  if (here.name !== 'login') {
    void router.replace({ name: 'login', query: { redirect: here.fullPath } })
  }
})

createApp(App).use(ElementPlus, { locale: zhCn }).use(router).use(urql, client).mount('#app')
