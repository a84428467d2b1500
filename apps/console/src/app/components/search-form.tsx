import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Form, type FormInstance, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props<T> {
  form: FormInstance<T>;
  onSearch: (values: T) => void;
  children: ReactNode;
  initialValues?: Partial<T>;
  extra?: ReactNode;
  testId?: string;
}

/** The search form over a table (Ant Design Pro's query filter): inline fields, Search and Reset. */
export function SearchForm<T extends object>({
  form,
  onSearch,
  children,
  initialValues,
  extra,
  testId,
}: Props<T>) {
  const { t } = useTranslation();
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Form
        form={form}
        layout="inline"
        initialValues={initialValues}
        onFinish={onSearch}
        data-testid={testId}
        style={{ rowGap: 12 }}
      >
        {children}
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="search-submit">
              {t('common.search')}
            </Button>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => {
                form.resetFields();
                onSearch(form.getFieldsValue(true) as T);
              }}
              data-testid="search-reset"
            >
              {t('common.reset')}
            </Button>
            {extra}
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}
