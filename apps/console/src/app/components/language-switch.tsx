import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n';
import { useSession } from '../session';

interface Props {
  /** Called after a switch (the login page remembers that the user chose a language). */
  onSwitched?: (locale: 'zh-CN' | 'en-US') => void;
  type?: 'text' | 'default';
}

/** Toggles zh-CN ⇄ en-US; the label names the language it switches to. */
export function LanguageSwitch({ onSwitched, type = 'text' }: Props) {
  const { t, i18n } = useTranslation();
  const { changeLocale } = useSession();
  const [busy, setBusy] = useState(false);
  const locale = currentLocale();
  return (
    <Button
      type={type}
      icon={<GlobalOutlined />}
      loading={busy}
      data-testid="lang-switch"
      data-locale={i18n.language}
      aria-label={t('header.language')}
      onClick={async () => {
        const next = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
        setBusy(true);
        try {
          await changeLocale(next);
        } catch {
          // the language has switched on screen; remembering it on the server can wait for the next switch
        } finally {
          setBusy(false);
        }
        onSwitched?.(next);
      }}
    >
      {t('header.switchLanguage')}
    </Button>
  );
}
