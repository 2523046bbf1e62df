import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  createPostSchema,
  imageSchema,
  postListSchema,
  postSchema,
  profileInputSchema,
  profileSchema,
  updatePostSchema,
} from '../../../src/modules/content/schema.ts';
import { currentLanguage } from '../i18n/index.ts';
import { useAdminKey } from './admin-console.ts';
import { apiError, getJson, type Json, sendJson } from './client.ts';

export type Post = Json<z.infer<typeof postSchema>>;
export type PostList = Json<z.infer<typeof postListSchema>>;
export type PostStatus = Post['status'];
export type PostAudience = Post['audience'];
export type PostInput = z.input<typeof createPostSchema>;
export type PostChange = z.input<typeof updatePostSchema>;
export type Profile = Json<z.infer<typeof profileSchema>>;
export type ProfileInput = z.input<typeof profileInputSchema>;
export type ContentImage = Json<z.infer<typeof imageSchema>>;

export const POST_STATUSES = ['draft', 'scheduled', 'published'] as const satisfies readonly PostStatus[];

function base(tenant: string): string {
  return `/api/v1/tenants/${encodeURIComponent(tenant)}`;
}

function usePostsKey(tenant: string): readonly unknown[] {
  return [...useAdminKey(tenant), 'posts'];
}

export function usePosts(tenant: string, query: { status?: PostStatus; page: number }) {
  const key = usePostsKey(tenant);
  const params = new URLSearchParams({ page: String(query.page), pageSize: '20' });
  if (query.status) params.set('status', query.status);
  return useQuery({
    queryKey: [...key, 'list', query.status ?? null, query.page],
    queryFn: ({ signal }) => getJson<PostList>(`${base(tenant)}/posts?${params}`, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePost(tenant: string, id: string | undefined) {
  const key = usePostsKey(tenant);
  return useQuery({
    queryKey: [...key, 'one', id],
    queryFn: ({ signal }) => getJson<Post>(`${base(tenant)}/posts/${encodeURIComponent(id ?? '')}`, signal),
    enabled: id !== undefined,
  });
}

/** Creates when `id` is undefined, else changes that post. */
export function useSavePost(tenant: string, id: string | undefined) {
  const key = usePostsKey(tenant);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PostInput | PostChange) =>
      id === undefined
        ? sendJson<Post>('POST', `${base(tenant)}/posts`, input)
        : sendJson<Post>('PATCH', `${base(tenant)}/posts/${encodeURIComponent(id)}`, input),
    onSuccess: (saved) => {
      queryClient.setQueryData([...key, 'one', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: [...key, 'list'] });
    },
  });
}

export function useDeletePost(tenant: string) {
  const key = usePostsKey(tenant);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => sendJson<undefined>('DELETE', `${base(tenant)}/posts/${encodeURIComponent(id)}`),
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: [...key, 'one', id] });
      void queryClient.invalidateQueries({ queryKey: [...key, 'list'] });
    },
  });
}

/** The server's rendering of a body (safe HTML), asked once typing pauses (`body` is the debounced text). */
export function usePostPreview(tenant: string, body: string | null) {
  const key = usePostsKey(tenant);
  return useQuery({
    queryKey: [...key, 'preview', body],
    queryFn: () => sendJson<{ bodyHtml: string; excerpt: string }>('POST', `${base(tenant)}/posts/preview`, { body }),
    enabled: body !== null,
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/**
 * Uploads one image file as the raw request body (the server judges the type by its bytes). Not through
 * sendJson: the body is not JSON; the CSRF token is read fresh from the session first.
 */
export function useUploadImage(tenant: string) {
  return useMutation({
    mutationFn: async (file: File) => {
      const session = await getJson<{ signedIn: boolean; csrfToken?: string }>('/api/v1/auth/session');
      const response = await fetch(`${base(tenant)}/images`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          accept: 'application/json',
          'accept-language': currentLanguage(),
          'content-type': file.type || 'application/octet-stream',
          ...(session.csrfToken ? { 'x-csrf-token': session.csrfToken } : {}),
        },
        body: file,
      });
      if (!response.ok) throw await apiError(response);
      return (await response.json()) as ContentImage;
    },
  });
}

export function useProfile(tenant: string) {
  const key = useAdminKey(tenant);
  return useQuery({
    queryKey: [...key, 'profile'],
    queryFn: ({ signal }) => getJson<Profile>(`${base(tenant)}/profile`, signal),
  });
}

export function useSaveProfile(tenant: string) {
  const key = useAdminKey(tenant);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProfileInput) => sendJson<Profile>('PUT', `${base(tenant)}/profile`, input),
    onSuccess: (saved) => queryClient.setQueryData([...key, 'profile'], saved),
  });
}
