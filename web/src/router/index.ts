import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import type { Permission } from '@/api/types'
import { t } from '@/locales'
import { useAuthStore } from '@/stores/auth'
import { decideNavigation } from './guard'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session. */
    public?: boolean
    /** Needed to open the page. */
    permission?: Permission
    /** Any one of these is needed to open the page. */
    anyPermission?: Permission[]
    /** Locale key of the page title. */
    titleKey?: string
  }
}

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/auth/LoginView.vue'),
    meta: { public: true, titleKey: 'auth.login.title' },
  },
  {
    // 公示 of a funding round: public, outside the signed-in layout.
    path: '/public/notice/:id',
    name: 'public-notice',
    component: () => import('@/views/rounds/PublicNotice.vue'),
    props: true,
    meta: { public: true, titleKey: 'rounds.notice.title' },
  },
  {
    // Volunteer sign-up: public, outside the signed-in layout.
    path: '/public/volunteer-signup',
    name: 'volunteer-signup',
    component: () => import('@/views/volunteers/VolunteerSignup.vue'),
    meta: { public: true, titleKey: 'volunteers.signup.title' },
  },
  {
    // Verification of a volunteer service certificate by its code.
    path: '/public/certificates/:code',
    name: 'certificate-verify',
    component: () => import('@/views/volunteers/CertificateVerify.vue'),
    props: true,
    meta: { public: true, titleKey: 'volunteers.certificate.verifyTitle' },
  },
  {
    // A satisfaction survey opened from its one-time link or QR code: public, phone first.
    path: '/s/:token',
    name: 'public-survey',
    component: () => import('@/views/surveys/PublicSurvey.vue'),
    props: true,
    meta: { public: true, titleKey: 'outcomes.survey.title' },
  },
  {
    path: '/change-password',
    name: 'change-password',
    component: () => import('@/views/auth/ChangePasswordView.vue'),
    meta: { titleKey: 'auth.changePassword.title' },
  },
  {
    path: '/',
    component: () => import('@/layouts/MainLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('@/views/HomeView.vue'), meta: { titleKey: 'menu.home' } },
      {
        path: 'workbench',
        name: 'workbench',
        component: () => import('@/views/workbench/WorkbenchView.vue'),
        meta: { permission: 'cases.read', titleKey: 'menu.workbench' },
      },
      {
        path: 'cases',
        name: 'cases',
        component: () => import('@/views/cases/CaseList.vue'),
        meta: { permission: 'cases.read', titleKey: 'menu.cases' },
      },
      {
        // Foundation staff (cases.inspect) open one case with a purpose; no list.
        path: 'cases/:id',
        name: 'case-detail',
        component: () => import('@/views/cases/CaseDetail.vue'),
        props: true,
        meta: { anyPermission: ['cases.read', 'cases.inspect'], titleKey: 'cases.detail.title' },
      },
      {
        // The social worker's and supervisor's board of pairings, with the visits to confirm.
        path: 'pairings',
        name: 'pairings',
        component: () => import('@/views/volunteers/PairingBoard.vue'),
        meta: { permission: 'pairings.manage', titleKey: 'menu.pairings' },
      },
      {
        path: 'volunteers',
        name: 'volunteers',
        component: () => import('@/views/volunteers/VolunteerList.vue'),
        meta: { permission: 'volunteers.read', titleKey: 'menu.volunteers' },
      },
      {
        // The same list, of the applications pending with the caller's organization.
        path: 'volunteers/approvals',
        name: 'volunteer-approvals',
        component: () => import('@/views/volunteers/VolunteerList.vue'),
        props: { approvals: true },
        meta: { permission: 'volunteers.read', titleKey: 'volunteers.list.approvals' },
      },
      {
        path: 'volunteers/:id',
        name: 'volunteer-detail',
        component: () => import('@/views/volunteers/VolunteerDetail.vue'),
        props: true,
        meta: { permission: 'volunteers.read', titleKey: 'volunteers.detail.title' },
      },
      {
        path: 'professionals',
        name: 'professionals',
        component: () => import('@/views/volunteers/ProfessionalList.vue'),
        meta: { anyPermission: ['volunteers.read', 'pairings.manage'], titleKey: 'volunteers.professionals.title' },
      },
      {
        // The volunteer's own home (mobile first): families, visits, hours, certificates.
        path: 'my-volunteering',
        name: 'my-volunteering',
        component: () => import('@/views/volunteers/MyVolunteering.vue'),
        meta: { permission: 'volunteering.self', titleKey: 'menu.myVolunteering' },
      },
      {
        path: 'my-volunteering/pairings/:id',
        name: 'my-pairing',
        component: () => import('@/views/volunteers/MyPairing.vue'),
        props: true,
        meta: { permission: 'volunteering.self', titleKey: 'volunteers.me.family' },
      },
      {
        path: 'organizations',
        name: 'organizations',
        component: () => import('@/views/organizations/OrganizationList.vue'),
        meta: { permission: 'organizations.read', titleKey: 'menu.organizations' },
      },
      {
        path: 'organizations/:id',
        name: 'organization-detail',
        component: () => import('@/views/organizations/OrganizationDetail.vue'),
        props: true,
        meta: { permission: 'organizations.read', titleKey: 'organizations.detail.title' },
      },
      {
        path: 'households',
        name: 'households',
        component: () => import('@/views/households/HouseholdList.vue'),
        meta: { permission: 'households.read', titleKey: 'menu.households' },
      },
      {
        path: 'households/:id',
        name: 'household-detail',
        component: () => import('@/views/households/HouseholdDetail.vue'),
        props: true,
        meta: { permission: 'households.read', titleKey: 'households.detail.title' },
      },
      {
        path: 'rounds',
        name: 'rounds',
        component: () => import('@/views/rounds/RoundList.vue'),
        meta: { permission: 'rounds.read', titleKey: 'menu.rounds' },
      },
      {
        path: 'rounds/:id',
        name: 'round-detail',
        component: () => import('@/views/rounds/RoundDetail.vue'),
        props: true,
        meta: { permission: 'rounds.read', titleKey: 'rounds.detail.title' },
      },
      {
        // The organization's draft and submitted applications, the foundation's and a reviewer's reading.
        path: 'applications/:id',
        name: 'application-detail',
        component: () => import('@/views/rounds/ApplicationPage.vue'),
        props: true,
        meta: { anyPermission: ['applications.write', 'rounds.manage', 'reviews.score'], titleKey: 'applications.detail.title' },
      },
      {
        path: 'applications/:id/review',
        name: 'application-review',
        component: () => import('@/views/rounds/ScoringForm.vue'),
        props: true,
        meta: { permission: 'reviews.score', titleKey: 'applications.scoring.title' },
      },
      {
        path: 'reviews',
        name: 'reviews',
        component: () => import('@/views/rounds/MyReviews.vue'),
        meta: { permission: 'reviews.score', titleKey: 'menu.reviews' },
      },
      {
        path: 'projects',
        name: 'projects',
        component: () => import('@/views/projects/ProjectList.vue'),
        meta: { permission: 'projects.read', titleKey: 'menu.projects' },
      },
      {
        path: 'projects/:id',
        name: 'project-detail',
        component: () => import('@/views/projects/ProjectDetail.vue'),
        props: true,
        // An evaluator (a reviewer) reads the projects assigned to them for evaluation.
        meta: { anyPermission: ['projects.read', 'reviews.score'], titleKey: 'projects.detail.title' },
      },
      {
        // The outcomes dashboard: figures computed from records, by role (docs/outcomes.md).
        path: 'dashboard',
        name: 'dashboard',
        component: () => import('@/views/dashboard/DashboardView.vue'),
        meta: { anyPermission: ['kpis.read', 'kpis.read_suppressed'], titleKey: 'menu.dashboard' },
      },
      {
        // The service records behind a figure (its filter and period in the query).
        path: 'kpi-records',
        name: 'kpi-records',
        component: () => import('@/views/dashboard/KpiRecords.vue'),
        meta: { anyPermission: ['cases.read', 'cases.inspect'], titleKey: 'outcomes.records.title' },
      },
      {
        // Finance's queue of tranches to approve and pay.
        path: 'disbursements',
        name: 'disbursements',
        component: () => import('@/views/projects/DisbursementQueue.vue'),
        meta: { permission: 'disbursements.approve', titleKey: 'menu.disbursements' },
      },
      {
        path: 'users',
        name: 'users',
        component: () => import('@/views/users/UserList.vue'),
        meta: { permission: 'users.read', titleKey: 'menu.users' },
      },
      {
        path: 'audit',
        name: 'audit',
        component: () => import('@/views/audit/AuditList.vue'),
        meta: { permission: 'audit.read', titleKey: 'menu.audit' },
      },
      {
        path: 'forbidden',
        name: 'forbidden',
        component: () => import('@/views/errors/ForbiddenView.vue'),
        meta: { titleKey: 'common.forbidden.title' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/views/errors/NotFoundView.vue'),
        meta: { titleKey: 'common.notFound.title' },
      },
    ],
  },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
})

router.beforeEach(async (to) => {
  const auth = useAuthStore()
  if (!auth.loaded) {
    try {
      await auth.fetchMe()
    } catch {
      // Server unreachable: treat as logged out; the login form will report the error.
      auth.clear()
    }
  }

  return decideNavigation(to, {
    loggedIn: auth.user !== null,
    mustChangePassword: auth.user?.must_change_password === true,
    permissions: auth.permissions,
    roles: (auth.user?.roles ?? []).map((r) => r.role),
  })
})

export function pageTitle(titleKey: string | undefined): string {
  const app = t('common.appShortName')
  return titleKey ? `${t(titleKey)} - ${app}` : app
}

router.afterEach((to) => {
  document.title = pageTitle(to.meta.titleKey)
})
