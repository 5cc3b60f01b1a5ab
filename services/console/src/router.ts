import { createRouter, createWebHistory, type RouteLocationRaw, type RouteRecordRaw, type Router } from 'vue-router'
import { hasRole, type Role, type SessionStore } from './lib/session'
import { RECORD_KIND_PATTERN } from './lib/recordKinds'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean
    /** The least role that may open it (the API checks again). */
    role?: Role
    /** The page's name in the header and the browser tab. */
    title?: string
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { public: true, title: '登录' } },
  {
    path: '/',
    component: () => import('./components/AppLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('./pages/HomePage.vue'), meta: { title: '首页' } },
      { path: 'notices', name: 'notices', component: () => import('./pages/NoticeListPage.vue'), meta: { title: '通知公告' } },
      { path: 'notices/new', name: 'notice-new', component: () => import('./pages/NoticeFormPage.vue'), meta: { title: '新建通知' } },
      { path: 'notices/:id', name: 'notice-edit', component: () => import('./pages/NoticeFormPage.vue'), meta: { title: '编辑通知' } },
      { path: 'events', name: 'events', component: () => import('./pages/EventCalendarPage.vue'), meta: { title: '活动日历' } },
      { path: 'events/list', name: 'event-list', component: () => import('./pages/EventListPage.vue'), meta: { title: '活动列表' } },
      { path: 'events/new', name: 'event-new', component: () => import('./pages/EventFormPage.vue'), meta: { title: '新建活动' } },
      { path: 'events/:id', name: 'event-edit', component: () => import('./pages/EventFormPage.vue'), meta: { title: '编辑活动' } },
      { path: 'events/:id/sign-ups', name: 'event-sign-ups', component: () => import('./pages/EventSignUpsPage.vue'), meta: { title: '活动报名' } },
      { path: 'events/:id/check-in', name: 'event-check-in', component: () => import('./pages/EventCheckInPage.vue'), meta: { title: '活动签到' } },
      { path: 'review', name: 'review', component: () => import('./pages/ReviewPage.vue'), meta: { title: '审核', role: 'REVIEWER' } },
      { path: 'account/password', name: 'password', component: () => import('./pages/PasswordPage.vue'), meta: { title: '修改密码' } },
      { path: 'admin/accounts', name: 'accounts', component: () => import('./pages/AccountsPage.vue'), meta: { title: '账号管理', role: 'ADMIN' } },
      { path: 'admin/screens', name: 'screens', component: () => import('./pages/ScreensPage.vue'), meta: { title: '屏幕管理', role: 'ADMIN' } },
      { path: 'records', redirect: { name: 'records', params: { kind: 'facilities' } } },
      { path: `records/:kind(${RECORD_KIND_PATTERN})`, name: 'records', component: () => import('./pages/RecordListPage.vue'), meta: { title: '社区档案' } },
      { path: `records/:kind(${RECORD_KIND_PATTERN})/new`, name: 'record-new', component: () => import('./pages/RecordFormPage.vue'), meta: { title: '社区档案' } },
      { path: `records/:kind(${RECORD_KIND_PATTERN})/:id`, name: 'record-edit', component: () => import('./pages/RecordFormPage.vue'), meta: { title: '社区档案' } },
      { path: 'imports', name: 'imports', component: () => import('./pages/ImportsPage.vue'), meta: { title: '表格导入', role: 'EDITOR' } },
      // Every staff role may read assessments and the programme inside its scope (assessment/queries.py, export.py).
      { path: 'assessment', name: 'assessment', component: () => import('./pages/AssessmentPage.vue'), meta: { title: '社区评估', role: 'EDITOR' } },
      { path: 'programme', name: 'programme', component: () => import('./pages/ProgrammePage.vue'), meta: { title: '试点进展', role: 'EDITOR' } },
      { path: 'screens/:id', name: 'screen', component: () => import('./pages/ScreenDetailPage.vue'), meta: { title: '屏幕详情' } },
      { path: 'admin/audit', name: 'audit', component: () => import('./pages/AuditPage.vue'), meta: { title: '审计日志', role: 'ADMIN' } },
      { path: 'honours', name: 'honours', component: () => import('./pages/HonourListPage.vue'), meta: { title: '好人长廊' } },
      { path: 'honours/new', name: 'honour-new', component: () => import('./pages/HonourFormPage.vue'), meta: { title: '新建荣誉' } },
      { path: 'honours/:id', name: 'honour-edit', component: () => import('./pages/HonourFormPage.vue'), meta: { title: '编辑荣誉' } },
      { path: ':rest(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { title: '页面不存在' } },
    ],
  },
]

/** Where a sign-in should lead: only a path of this console, never another site. */
export function safeRedirect(value: unknown): string {
  const path = Array.isArray(value) ? value[0] : value
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/login')) {
    return '/'
  }
  return path
}

export function createConsoleRouter(session: SessionStore): Router {
  const router = createRouter({ history: createWebHistory('/console/'), routes })
  router.beforeEach((to): RouteLocationRaw | true => {
    const live = session.current()
    if (to.meta.public) {
      return to.name === 'login' && live ? safeRedirect(to.query.redirect) : true
    }
    if (!live) return { name: 'login', query: { redirect: to.fullPath } }
    if (to.meta.role && !hasRole(live.account, to.meta.role)) return { name: 'home' }
    return true
  })
  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} · 齐乐工作台` : '齐乐工作台'
  })
  return router
}
