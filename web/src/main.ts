import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { ElMessage } from 'element-plus'
// Styles of the Element Plus services called from scripts (the template components bring
// their own through unplugin-vue-components).
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import './styles/main.css'

import App from './App.vue'
import { configureHttp } from './api/http'
import { i18n, t, currentLocale } from './locales'
import { router } from './router'
import { useAuthStore } from './stores/auth'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)

const auth = useAuthStore(pinia)

configureHttp({
  csrfToken: () => auth.csrfToken,
  translate: t,
  onUnauthenticated: () => {
    const wasLoggedIn = auth.isLoggedIn
    auth.clear()
    const current = router.currentRoute.value
    if (current.name !== 'login') {
      if (wasLoggedIn) {
        ElMessage.warning({ message: t('errors.code.unauthenticated'), grouping: true })
      }
      void router.push({ name: 'login', query: current.fullPath === '/' ? {} : { redirect: current.fullPath } })
    }
  },
  onPasswordChangeRequired: () => {
    auth.markPasswordChangeRequired()
    if (router.currentRoute.value.name !== 'change-password') {
      void router.push({ name: 'change-password' })
    }
  },
})

document.documentElement.lang = currentLocale()
app.use(router)
app.mount('#app')
