import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { ApiError } from '../api/client';
import { errorText } from './errors';
import { createAppRouter } from './router';
import { SessionProvider } from './session';

type Reporter = (error: unknown) => void;
let reportQueryError: Reporter = () => {};

function isAuthLoss(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED');
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (!isAuthLoss(error) && !query.meta?.silent) reportQueryError(error);
    },
  }),
  mutationCache: new MutationCache(),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (count, error) =>
        !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});

/** Shows failed loads (queries) in a toast, translated; mutations report their own errors with their forms. */
function QueryErrorToasts() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  useEffect(() => {
    reportQueryError = (error) => message.error(errorText(t, error));
    return () => {
      reportQueryError = () => {};
    };
  }, [t, message]);
  return null;
}

function Localised() {
  const { i18n } = useTranslation();
  const [router] = useState(createAppRouter);
  return (
    <ConfigProvider
      locale={i18n.language === 'en-US' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6 } }}
    >
      <AntApp>
        <QueryErrorToasts />
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

export function ConsoleApp() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <Localised />
      </SessionProvider>
    </QueryClientProvider>
  );
}
