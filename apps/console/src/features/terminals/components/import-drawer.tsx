import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Drawer,
  Flex,
  Form,
  Progress,
  Result,
  Space,
  Table,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadCsv } from '../../../app/csv';
import { messageText, useErrorReporter } from '../../../app/errors';
import { formatNumber } from '../../../app/format';
import { importTerminals, useInvalidateAfterImport } from '../api';
import {
  IMPORT_MAX_BYTES,
  IMPORT_ROWS_MAX,
  type ImportRowError,
  importAccept,
  importColumns,
  type TerminalImportResult,
} from '../model';
import { WarehouseSelect } from './catalogue-selects';

interface Values {
  warehouseId?: string;
  file?: UploadFile[];
}

type Phase =
  | { kind: 'form' }
  | { kind: 'uploading'; name: string; percent: number }
  | { kind: 'done'; result: TerminalImportResult };

interface Props {
  open: boolean;
  onClose: () => void;
  /** The warehouse the ledger is filtered by, if any: the likely destination. */
  warehouseId?: string | undefined;
}

const rowMax = IMPORT_ROWS_MAX;
const megabytesMax = IMPORT_MAX_BYTES / (1024 * 1024);

/**
 * 入库导入: a warehouse, a CSV or Excel file, the upload with its progress, then the server's check; the
 * result is the count taken into stock or — nothing imported — every refused row with its column and why.
 */
export function ImportDrawer({ open, onClose, warehouseId }: Props) {
  const { t } = useTranslation();
  const report = useErrorReporter();
  const invalidate = useInvalidateAfterImport();
  const [form] = Form.useForm<Values>();
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const abort = useRef<AbortController | null>(null);
  const busy = phase.kind === 'uploading';
  const checking = busy && phase.percent >= 100;

  const reset = () => {
    setPhase({ kind: 'form' });
    form.resetFields();
  };
  const close = () => {
    if (checking) return;
    abort.current?.abort();
    reset();
    onClose();
  };

  const onFinish = async (values: Values) => {
    const file = values.file?.[0]?.originFileObj;
    if (!values.warehouseId || !file) return;
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ kind: 'uploading', name: file.name, percent: 0 });
    try {
      const result = await importTerminals(values.warehouseId, file, {
        signal: controller.signal,
        onProgress: (percent) =>
          setPhase({ kind: 'uploading', name: file.name, percent: Math.min(100, Math.round(percent)) }),
      });
      setPhase({ kind: 'done', result });
      if (result.imported > 0) void invalidate();
    } catch (error) {
      setPhase({ kind: 'form' });
      if (error instanceof DOMException && error.name === 'AbortError') return;
      report(error, form);
    } finally {
      abort.current = null;
    }
  };

  return (
    <Drawer
      open={open}
      onClose={close}
      size={720}
      title={t('terminals.import.title')}
      closable={!checking}
      mask={{ closable: !busy }}
      keyboard={!busy}
      destroyOnHidden
      extra={
        <Button
          icon={<DownloadOutlined />}
          onClick={() => downloadCsv('terminal-import-template.csv', importColumns, [])}
          data-testid="terminal-import-template"
        >
          {t('terminals.import.template')}
        </Button>
      }
      data-testid="terminal-import"
    >
      {phase.kind === 'done' ? (
        <ImportOutcome result={phase.result} onAgain={reset} onClose={close} />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ warehouseId }}
          onFinish={onFinish}
          disabled={busy}
        >
          <Form.Item
            name="warehouseId"
            label={t('terminals.import.warehouse')}
            rules={[{ required: true, message: t('terminals.import.warehouseRequired') }]}
          >
            <WarehouseSelect
              placeholder={t('terminals.import.warehouseRequired')}
              style={{ width: '100%' }}
              testId="terminal-import-warehouse"
            />
          </Form.Item>
          <Form.Item
            name="file"
            label={t('terminals.import.file')}
            valuePropName="fileList"
            getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
            rules={[
              { required: true, message: t('terminals.import.fileRequired') },
              {
                validator: (_, list: UploadFile[] | undefined) =>
                  (list?.[0]?.size ?? 0) > IMPORT_MAX_BYTES
                    ? Promise.reject(new Error(t('terminals.import.tooLarge', { mb: megabytesMax })))
                    : Promise.resolve(),
              },
            ]}
            extra={t('terminals.import.dropHint', { max: formatNumber(rowMax) })}
          >
            <Upload.Dragger
              accept={importAccept}
              multiple={false}
              maxCount={1}
              beforeUpload={() => false}
              data-testid="terminal-import-file"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('terminals.import.drop')}</p>
            </Upload.Dragger>
          </Form.Item>
          {busy && (
            <div style={{ marginBottom: 16 }} data-testid="terminal-import-progress">
              <Typography.Text type="secondary">
                {checking
                  ? t('terminals.import.checking')
                  : t('terminals.import.uploading', { name: phase.name })}
              </Typography.Text>
              <Progress percent={phase.percent} status="active" />
            </div>
          )}
          <Space>
            <Button
              type="primary"
              htmlType="submit"
              icon={<UploadOutlined />}
              loading={busy}
              data-testid="terminal-import-submit"
            >
              {t('terminals.import.start')}
            </Button>
            {busy && !checking && (
              // The form is disabled while busy; this button stays live to abort the upload.
              <Button
                disabled={false}
                onClick={() => abort.current?.abort()}
                data-testid="terminal-import-cancel"
              >
                {t('common.cancel')}
              </Button>
            )}
          </Space>
        </Form>
      )}
    </Drawer>
  );
}

function ImportOutcome({
  result,
  onAgain,
  onClose,
}: {
  result: TerminalImportResult;
  onAgain: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const actions = (
    <Space>
      <Button onClick={onAgain} data-testid="terminal-import-again">
        {t('terminals.import.again')}
      </Button>
      <Button type="primary" onClick={onClose} data-testid="terminal-import-close">
        {t('common.close')}
      </Button>
    </Space>
  );
  if (result.errors.length === 0) {
    return (
      <Result
        status="success"
        title={t('terminals.import.imported', { n: formatNumber(result.imported) })}
        subTitle={t('terminals.import.importedHint')}
        extra={actions}
        data-testid="terminal-import-success"
      />
    );
  }
  const header = [t('terminals.import.row'), t('terminals.import.column'), t('terminals.import.message')];
  return (
    <Flex vertical gap={16} data-testid="terminal-import-errors">
      <Alert
        type="error"
        showIcon
        title={t('terminals.import.failed')}
        description={t('terminals.import.failedHint')}
      />
      <Table<ImportRowError & { index: number; text: string }>
        rowKey="index"
        size="small"
        dataSource={result.errors.map((e, index) => ({
          ...e,
          index,
          text: messageText(t, { key: e.key, ...(e.params ? { params: e.params } : {}) }, e.message),
        }))}
        pagination={{
          pageSize: 10,
          showSizeChanger: false,
          hideOnSinglePage: true,
          showTotal: (total) => t('terminals.import.problems', { n: formatNumber(total) }),
        }}
        columns={[
          {
            title: header[0],
            dataIndex: 'row',
            width: 90,
            // Row 0 is the server's "and N more problems" line: it stays last.
            sorter: (a, b) => (a.row || Number.MAX_SAFE_INTEGER) - (b.row || Number.MAX_SAFE_INTEGER),
            defaultSortOrder: 'ascend',
            render: (row: number) => (row > 0 ? row : '—'),
          },
          {
            title: header[1],
            dataIndex: 'column',
            width: 140,
            sorter: (a, b) => (a.column ?? '').localeCompare(b.column ?? ''),
            render: (column: string | null) => column ?? '—',
          },
          { title: header[2], dataIndex: 'text' },
        ]}
        data-testid="terminal-import-error-table"
      />
      <Flex justify="space-between">
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            downloadCsv(
              `${t('terminals.import.errorsFile')}.csv`,
              header,
              result.errors.map((e) => [
                String(e.row),
                e.column ?? '',
                messageText(t, { key: e.key, ...(e.params ? { params: e.params } : {}) }, e.message),
              ]),
            )
          }
          data-testid="terminal-import-error-download"
        >
          {t('terminals.import.downloadErrors')}
        </Button>
        {actions}
      </Flex>
    </Flex>
  );
}
