import { Form, Input, Modal } from 'antd';

interface Props {
  open: boolean;
  title: string;
  label: string;
  /** Shortest accepted comment (trimmed). */
  minLength?: number;
  maxLength?: number;
  confirmLoading?: boolean;
  okText?: string;
  danger?: boolean;
  /** Resolves false when the action failed (the comment is kept for another try). */
  onOk: (comment: string) => unknown;
  onCancel: () => void;
}

/** Asks for the comment an action needs (return for correction, withdraw, remove from blacklist). */
export function CommentModal({
  open,
  title,
  label,
  minLength = 1,
  maxLength = 1000,
  confirmLoading,
  okText,
  danger,
  onOk,
  onCancel,
}: Props) {
  const [form] = Form.useForm<{ comment: string }>();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger, 'data-testid': 'comment-submit' }}
      confirmLoading={confirmLoading}
      onOk={async () => {
        // An invalid comment is shown on the field; nothing else to do.
        const values = await form.validateFields().catch(() => null);
        if (!values) return;
        const { comment } = values;
        if ((await onOk(comment.trim())) !== false) form.resetFields();
      }}
      onCancel={() => {
        form.resetFields();
        onCancel();
      }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="comment"
          label={label}
          rules={[
            { required: true, whitespace: true },
            { min: minLength, transform: (v?: string) => v?.trim() },
            { max: maxLength },
          ]}
        >
          <Input.TextArea rows={4} maxLength={maxLength} showCount autoFocus data-testid="review-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
