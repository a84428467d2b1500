import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { Checkbox, Flex, Form, Input, InputNumber, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { yuanToFen } from '../../approvals/amount';
import { TAP_HEIGHT_PX, testReferencePattern } from '../model';

const fenPattern = /^[1-9]\d{0,8}$/;
const half = {
  flex: 1,
  height: TAP_HEIGHT_PX,
  lineHeight: `${TAP_HEIGHT_PX - 2}px`,
  textAlign: 'center',
} as const;

/**
 * 测试交易: a transaction made on the unit to prove it works — the amount in yuan (sent in fen), the RRN or
 * voucher number from the slip, approved or declined. Required for some kinds (a declined one does not
 * close them); the others may record one.
 */
export function SiteTestFields({ required }: { required: boolean }) {
  const { t } = useTranslation();
  const recorded = Form.useWatch<boolean | undefined>(['testTransaction', 'recorded']);
  const shown = required || recorded === true;
  return (
    <Flex vertical>
      {!required && (
        <Form.Item name={['testTransaction', 'recorded']} valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox style={{ minHeight: TAP_HEIGHT_PX, alignItems: 'center' }} data-testid="site-test-record">
            {t('workorders.site.test.record')}
          </Checkbox>
        </Form.Item>
      )}
      {shown && (
        <>
          <Form.Item
            name={['testTransaction', 'amountYuan']}
            label={t('workorders.site.test.amount')}
            required
            rules={[
              {
                validator: (_, value: string | number | null | undefined) => {
                  const fen = value === null || value === undefined ? undefined : yuanToFen(String(value));
                  return fen && fenPattern.test(fen)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('workorders.site.test.amountInvalid')));
                },
              },
            ]}
          >
            <InputNumber<string>
              stringMode
              min="0.01"
              max="9999999.99"
              step="0.01"
              precision={2}
              prefix="¥"
              inputMode="decimal"
              size="large"
              style={{ width: '100%' }}
              data-testid="site-test-amount"
            />
          </Form.Item>
          <Form.Item
            name={['testTransaction', 'reference']}
            label={t('workorders.site.test.reference')}
            required
            rules={[
              {
                validator: (_, value: string | undefined) =>
                  value && testReferencePattern.test(value.trim())
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('workorders.site.test.referenceInvalid'))),
              },
            ]}
          >
            <Input
              size="large"
              maxLength={32}
              autoCapitalize="characters"
              autoComplete="off"
              spellCheck={false}
              placeholder={t('workorders.site.test.referencePlaceholder')}
              data-testid="site-test-reference"
            />
          </Form.Item>
          <Form.Item
            name={['testTransaction', 'approved']}
            label={t('workorders.site.test.result')}
            style={{ marginBottom: 0 }}
            rules={[
              {
                validator: (_, value: boolean | undefined) =>
                  required && value === false
                    ? Promise.reject(new Error(t('messages.site.test_declined')))
                    : Promise.resolve(),
              },
            ]}
          >
            <Radio.Group optionType="button" buttonStyle="solid" style={{ display: 'flex', width: '100%' }}>
              <Radio.Button value={true} style={half}>
                <span data-testid="site-test-approved">
                  <CheckCircleOutlined /> {t('workorders.site.test.approved')}
                </span>
              </Radio.Button>
              <Radio.Button value={false} style={half}>
                <span data-testid="site-test-declined">
                  <CloseCircleOutlined /> {t('workorders.site.test.declined')}
                </span>
              </Radio.Button>
            </Radio.Group>
          </Form.Item>
        </>
      )}
    </Flex>
  );
}
