import { KeyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Descriptions, Flex, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { groupsOfFour, type KeyInjection, mono } from '../model';

/**
 * The key for the installer's key-loading step: TID, the clear TMK in groups of four with a copy button,
 * and the check value; it closes only once the installer confirms the key is loaded (it is never shown
 * again). Laid out like the initial-password modal.
 */
function KeyInjectionPanel({ injection, onDone }: { injection: KeyInjection; onDone: () => void }) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState(false);
  return (
    <Flex vertical gap={12} data-testid="key-injection">
      <Typography.Text>{t('terminals.keyInjection.intro', { serial: injection.serialNo })}</Typography.Text>
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          {
            key: 'tid',
            label: t('terminals.keyInjection.tid'),
            children: (
              <Typography.Text style={{ ...mono, fontSize: 16 }} data-testid="key-injection-tid">
                {injection.tid}
              </Typography.Text>
            ),
          },
          {
            key: 'tmk',
            label: t('terminals.keyInjection.tmk'),
            children: (
              <Typography.Paragraph
                copyable={{
                  text: injection.tmk,
                  tooltips: [t('terminals.keyInjection.copy'), t('terminals.keyInjection.copied')],
                }}
                style={{ ...mono, fontSize: 18, letterSpacing: 1, margin: 0, wordSpacing: 6 }}
                data-testid="key-injection-tmk"
              >
                {groupsOfFour(injection.tmk).join(' ')}
              </Typography.Paragraph>
            ),
          },
          {
            key: 'kcv',
            label: t('terminals.keyInjection.checkValue'),
            children: (
              <Typography.Text style={{ ...mono, fontSize: 16 }} data-testid="key-injection-kcv">
                {injection.checkValue}
              </Typography.Text>
            ),
          },
        ]}
      />
      <Alert type="warning" showIcon title={t('terminals.keyInjection.warning')} />
      <Checkbox
        checked={loaded}
        onChange={(e) => setLoaded(e.target.checked)}
        data-testid="key-injection-ack"
      >
        {t('terminals.keyInjection.ack')}
      </Checkbox>
      <Flex justify="flex-end">
        <Button type="primary" disabled={!loaded} onClick={onDone} data-testid="key-injection-done">
          {t('terminals.keyInjection.done')}
        </Button>
      </Flex>
    </Flex>
  );
}

/**
 * Shows the key of a completed installation. The modal lives in the application's root (antd App), not
 * in the page that asked for it: completing the installation may take the merchant live, which replaces
 * the go-live tab (and the work-order card in it) — the key must stay on screen until it is loaded.
 */
export function useKeyInjectionNotice(): (injection: KeyInjection, onClosed?: () => void) => void {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  return useCallback(
    (injection: KeyInjection, onClosed?: () => void) => {
      const instance = modal.info({
        title: t('terminals.keyInjection.title'),
        icon: <KeyOutlined />,
        width: 560,
        closable: false,
        mask: { closable: false },
        keyboard: false,
        footer: null,
        content: (
          <KeyInjectionPanel
            injection={injection}
            onDone={() => {
              instance.destroy();
              onClosed?.();
            }}
          />
        ),
      });
    },
    [modal, t],
  );
}
