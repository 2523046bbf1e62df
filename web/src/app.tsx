import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError } from './api/client.ts';
import { sessionKey } from './api/session.ts';
import { Layout } from './components/layout.tsx';
import { RouteError } from './components/route-error.tsx';
import { AccountPage } from './pages/account-page.tsx';
import { AdminHomePage } from './pages/admin/admin-home-page.tsx';
import { AdminIndexPage } from './pages/admin/admin-index-page.tsx';
import { AdminShell } from './pages/admin/admin-shell.tsx';
import { PostFormPage } from './pages/admin/content/post-form-page.tsx';
import { PosterPage } from './pages/admin/content/poster-page.tsx';
import { PostsPage } from './pages/admin/content/posts-page.tsx';
import { ProfilePage } from './pages/admin/content/profile-page.tsx';
import { MemberPage } from './pages/admin/member-page.tsx';
import { MembersPage } from './pages/admin/members-page.tsx';
import { CheckInCodePage } from './pages/admin/opportunities/check-in-code-page.tsx';
import { OpportunitiesPage } from './pages/admin/opportunities/opportunities-page.tsx';
import { OpportunityFormPage } from './pages/admin/opportunities/opportunity-form-page.tsx';
import { OpportunityPage } from './pages/admin/opportunities/opportunity-page.tsx';
import { PremiumPage } from './pages/admin/premium-page.tsx';
import { ReviewsPage } from './pages/admin/reviews-page.tsx';
import { DevMailPage } from './pages/dev-mail-page.tsx';
import { EmailLinkPage } from './pages/email-link-page.tsx';
import { HomePage } from './pages/home-page.tsx';
import { MunicipalityDetailPage } from './pages/municipality-detail-page.tsx';
import { MunicipalitySearchPage } from './pages/municipality-search-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { CardPage } from './pages/resident/card-page.tsx';
import { JoinPage } from './pages/resident/join-page.tsx';
import { PublicMunicipalityPage } from './pages/resident/public-municipality-page.tsx';
import { ResidentHomePage } from './pages/resident/resident-home-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';

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

const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'municipalities', element: <MunicipalitySearchPage /> },
      { path: 'municipalities/:code', element: <MunicipalityDetailPage /> },
      { path: 'm/:code', element: <PublicMunicipalityPage /> },
      { path: 'join', element: <JoinPage /> },
      { path: 'join/:code', element: <JoinPage /> },
      { path: 'home', element: <ResidentHomePage /> },
      { path: 'card/:code', element: <CardPage /> },
      { path: 'sign-in', element: <SignInPage /> },
      { path: 'sign-in/email', element: <EmailLinkPage /> },
      { path: 'account', element: <AccountPage /> },
      { path: 'dev/mail', element: <DevMailPage /> },
      // The staff console: the tenant is in the address, so that every page can be bookmarked and shared.
      { path: 'admin', element: <AdminIndexPage /> },
      {
        path: 'admin/:tenant',
        element: <AdminShell />,
        children: [
          { index: true, element: <AdminHomePage /> },
          { path: 'premium', element: <PremiumPage /> },
          { path: 'reviews', element: <ReviewsPage /> },
          { path: 'members', element: <MembersPage /> },
          { path: 'members/:memberId', element: <MemberPage /> },
          { path: 'posts', element: <PostsPage /> },
          { path: 'posts/new', element: <PostFormPage /> },
          { path: 'posts/:id', element: <PostFormPage /> },
          { path: 'profile', element: <ProfilePage /> },
          { path: 'poster', element: <PosterPage /> },
          { path: 'opportunities', element: <OpportunitiesPage /> },
          { path: 'opportunities/new', element: <OpportunityFormPage /> },
          { path: 'opportunities/:id', element: <OpportunityPage /> },
          { path: 'opportunities/:id/edit', element: <OpportunityFormPage /> },
          { path: 'opportunities/:id/check-in', element: <CheckInCodePage /> },
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
