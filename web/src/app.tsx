import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError } from './api/client.ts';
import { Layout } from './components/layout.tsx';
import { RouteError } from './components/route-error.tsx';
import { HomePage } from './pages/home-page.tsx';
import { MunicipalityDetailPage } from './pages/municipality-detail-page.tsx';
import { MunicipalitySearchPage } from './pages/municipality-search-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';

const queryClient = new QueryClient({
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
