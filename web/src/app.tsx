import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError } from './api/client.ts';
import { sessionKey } from './api/session.ts';
import { Layout } from './components/layout.tsx';
import { RouteError } from './components/route-error.tsx';
import { loadMessages, type MessagePart } from './i18n/index.ts';
import { HomePage } from './pages/home-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    // A personal query told "sign in" means the session ended elsewhere (expired, signed out everywhere):
    // ask for the session again, so that every page sees it.
    onError: (error, query) => {
      if (error instanceof ApiError && error.status === 401 && query.queryKey[0] !== sessionKey[0]) {
        void queryClient.invalidateQueries({ queryKey: sessionKey });
      }
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 60_000,
      // An answer from the API (404, 400…) will not change on retry; a lost connection might.
      retry: (failureCount, error) => !(error instanceof ApiError && error.status < 500) && failureCount < 1,
    },
  },
});

/**
 * A route whose page is loaded when first visited: the start page stays small on a phone, and the staff console's
 * code never reaches residents.
 */
function page<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
  messages?: MessagePart,
): () => Promise<{ Component: ComponentType }> {
  return async () => {
    const [module] = await Promise.all([load(), messages && loadMessages(messages)]);
    return { Component: module[name] };
  };
}

const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomePage /> },
      {
        path: 'municipalities',
        lazy: page(() => import('./pages/municipality-search-page.tsx'), 'MunicipalitySearchPage'),
      },
      {
        path: 'municipalities/:code',
        lazy: page(() => import('./pages/municipality-detail-page.tsx'), 'MunicipalityDetailPage'),
      },
      // Public; the shared charts' own labels are in the admin messages.
      { path: 'stats', lazy: page(() => import('./pages/stats/stats-page.tsx'), 'StatsPage', 'admin') },
      {
        path: 'm/:code',
        lazy: page(() => import('./pages/resident/public-municipality-page.tsx'), 'PublicMunicipalityPage', 'resident'),
      },
      { path: 'join', lazy: page(() => import('./pages/resident/join-page.tsx'), 'JoinPage', 'resident') },
      { path: 'join/:code', lazy: page(() => import('./pages/resident/join-page.tsx'), 'JoinPage', 'resident') },
      {
        path: 'home',
        lazy: page(() => import('./pages/resident/resident-home-page.tsx'), 'ResidentHomePage', 'resident'),
      },
      { path: 'card/:code', lazy: page(() => import('./pages/resident/card-page.tsx'), 'CardPage', 'resident') },
      {
        path: 'activities',
        lazy: page(() => import('./pages/resident/activities/activities-page.tsx'), 'ActivitiesPage', 'resident'),
      },
      {
        path: 'activities/mine',
        lazy: page(() => import('./pages/resident/activities/my-activities-page.tsx'), 'MyActivitiesPage', 'resident'),
      },
      {
        path: 'activities/:id',
        lazy: page(() => import('./pages/resident/activities/opportunity-page.tsx'), 'OpportunityPage', 'resident'),
      },
      {
        path: 'benefits',
        lazy: page(() => import('./pages/resident/benefits/benefits-page.tsx'), 'BenefitsPage', 'resident'),
      },
      {
        path: 'benefits/:id/apply',
        lazy: page(
          () => import('./pages/resident/benefits/subsidy-application-page.tsx'),
          'SubsidyApplicationPage',
          'resident',
        ),
      },
      {
        path: 'privacy',
        lazy: page(() => import('./pages/resident/privacy/privacy-page.tsx'), 'PrivacyPage', 'resident'),
      },
      {
        path: 'settings/notifications',
        lazy: page(
          () => import('./pages/resident/notifications/notifications-page.tsx'),
          'NotificationsPage',
          'resident',
        ),
      },
      {
        path: 'unsubscribe',
        lazy: page(() => import('./pages/resident/notifications/unsubscribe-page.tsx'), 'UnsubscribePage', 'resident'),
      },
      { path: 'sign-in', lazy: page(() => import('./pages/sign-in-page.tsx'), 'SignInPage') },
      { path: 'sign-in/email', lazy: page(() => import('./pages/email-link-page.tsx'), 'EmailLinkPage') },
      { path: 'account', lazy: page(() => import('./pages/account-page.tsx'), 'AccountPage') },
      { path: 'dev/mail', lazy: page(() => import('./pages/dev-mail-page.tsx'), 'DevMailPage') },
      // The staff console: the tenant is in the address, so that every page can be bookmarked and shared.
      // The partner scanner shares the console's messages (and its QR reader), never the console itself.
      { path: 'partner', lazy: page(() => import('./pages/partner/partner-page.tsx'), 'PartnerPage', 'admin') },
      // National administrators' area; its messages are in the admin part.
      {
        path: 'national',
        lazy: page(() => import('./pages/national/national-shell.tsx'), 'NationalShell', 'admin'),
        children: [
          {
            index: true,
            lazy: page(() => import('./pages/national/national-dashboard-page.tsx'), 'NationalDashboardPage'),
          },
          {
            path: 'participants',
            lazy: page(() => import('./pages/national/participants-page.tsx'), 'ParticipantsPage'),
          },
          { path: 'participants/new', lazy: page(() => import('./pages/national/onboard-page.tsx'), 'OnboardPage') },
          {
            path: 'model-project',
            lazy: page(() => import('./pages/national/model-project-page.tsx'), 'ModelProjectPage'),
          },
          {
            path: 'model-project/:code/report',
            lazy: page(() => import('./pages/national/model-report-page.tsx'), 'NationalModelReportPage'),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      {
        path: 'model-project/:code',
        lazy: page(() => import('./pages/national/progress-page.tsx'), 'ProgressPage', 'admin'),
      },
      { path: 'admin', lazy: page(() => import('./pages/admin/admin-index-page.tsx'), 'AdminIndexPage', 'admin') },
      {
        path: 'admin/:tenant',
        lazy: page(() => import('./pages/admin/admin-shell.tsx'), 'AdminShell', 'admin'),
        children: [
          { index: true, lazy: page(() => import('./pages/admin/admin-home-page.tsx'), 'AdminHomePage') },
          { path: 'premium', lazy: page(() => import('./pages/admin/premium-page.tsx'), 'PremiumPage') },
          { path: 'reviews', lazy: page(() => import('./pages/admin/reviews-page.tsx'), 'ReviewsPage') },
          { path: 'members', lazy: page(() => import('./pages/admin/members-page.tsx'), 'MembersPage') },
          { path: 'members/:memberId', lazy: page(() => import('./pages/admin/member-page.tsx'), 'MemberPage') },
          { path: 'posts', lazy: page(() => import('./pages/admin/content/posts-page.tsx'), 'PostsPage') },
          { path: 'posts/new', lazy: page(() => import('./pages/admin/content/post-form-page.tsx'), 'PostFormPage') },
          { path: 'posts/:id', lazy: page(() => import('./pages/admin/content/post-form-page.tsx'), 'PostFormPage') },
          { path: 'profile', lazy: page(() => import('./pages/admin/content/profile-page.tsx'), 'ProfilePage') },
          { path: 'poster', lazy: page(() => import('./pages/admin/content/poster-page.tsx'), 'PosterPage') },
          {
            path: 'opportunities',
            lazy: page(() => import('./pages/admin/opportunities/opportunities-page.tsx'), 'OpportunitiesPage'),
          },
          {
            path: 'opportunities/new',
            lazy: page(() => import('./pages/admin/opportunities/opportunity-form-page.tsx'), 'OpportunityFormPage'),
          },
          {
            path: 'opportunities/:id',
            lazy: page(() => import('./pages/admin/opportunities/opportunity-page.tsx'), 'OpportunityPage'),
          },
          {
            path: 'opportunities/:id/edit',
            lazy: page(() => import('./pages/admin/opportunities/opportunity-form-page.tsx'), 'OpportunityFormPage'),
          },
          {
            path: 'opportunities/:id/check-in',
            lazy: page(() => import('./pages/admin/opportunities/check-in-code-page.tsx'), 'CheckInCodePage'),
          },
          { path: 'measures', lazy: page(() => import('./pages/admin/measures/measures-page.tsx'), 'MeasuresPage') },
          {
            path: 'measures/new',
            lazy: page(() => import('./pages/admin/measures/measure-form-page.tsx'), 'MeasureFormPage'),
          },
          {
            path: 'measures/applications',
            lazy: page(() => import('./pages/admin/measures/applications-page.tsx'), 'ApplicationsPage'),
          },
          { path: 'measures/uses', lazy: page(() => import('./pages/admin/measures/uses-page.tsx'), 'UsesPage') },
          {
            path: 'measures/:id',
            lazy: page(() => import('./pages/admin/measures/measure-form-page.tsx'), 'MeasureFormPage'),
          },
          { path: 'partners', lazy: page(() => import('./pages/admin/partners/partners-page.tsx'), 'PartnersPage') },
          {
            path: 'model-plan',
            lazy: page(() => import('./pages/admin/model-plan/model-plan-page.tsx'), 'ModelPlanPage'),
          },
          {
            path: 'model-plan/report',
            lazy: page(() => import('./pages/admin/model-plan/model-report-page.tsx'), 'ModelReportPage'),
          },
          {
            path: 'newsletters',
            lazy: page(() => import('./pages/admin/newsletters/newsletters-page.tsx'), 'NewslettersPage'),
          },
          {
            path: 'newsletters/new',
            lazy: page(() => import('./pages/admin/newsletters/newsletter-page.tsx'), 'NewsletterPage'),
          },
          {
            path: 'newsletters/:id',
            lazy: page(() => import('./pages/admin/newsletters/newsletter-page.tsx'), 'NewsletterPage'),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
