import { Card, Checkbox, Col, Flex, Row, Skeleton } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PermissionInfo } from '../../../api/types';
import { usePermissionCatalogue } from '../api';

interface Props {
  value?: string[];
  onChange?: (value: string[]) => void;
  disabled?: boolean;
}

/** The permission catalogue grouped by module, one checkbox per permission, a "select all" per module. */
export function PermissionCheckboxes({ value = [], onChange, disabled }: Props) {
  const { t, i18n } = useTranslation();
  const catalogue = usePermissionCatalogue();
  const groups = useMemo(() => {
    const byModule = new Map<string, PermissionInfo[]>();
    for (const p of catalogue.data ?? []) {
      const list = byModule.get(p.module) ?? [];
      list.push(p);
      byModule.set(p.module, list);
    }
    return [...byModule.entries()];
  }, [catalogue.data]);
  const selected = new Set(value);

  if (catalogue.isPending) return <Skeleton active />;

  const setModule = (keys: string[], on: boolean) => {
    const next = new Set(selected);
    for (const k of keys) {
      if (on) next.add(k);
      else next.delete(k);
    }
    onChange?.([...next]);
  };

  return (
    <Flex vertical gap={8} data-testid="permission-checkboxes">
      {groups.map(([module, perms]) => {
        const keys = perms.map((p) => p.key);
        const count = keys.filter((k) => selected.has(k)).length;
        return (
          <Card
            key={module}
            size="small"
            title={
              <Checkbox
                checked={count === keys.length}
                indeterminate={count > 0 && count < keys.length}
                disabled={disabled}
                onChange={(e) => setModule(keys, e.target.checked)}
              >
                {t(`roles.modules.${module}`, { defaultValue: module })}
              </Checkbox>
            }
          >
            <Row gutter={[8, 8]}>
              {perms.map((p) => (
                <Col span={12} key={p.key}>
                  <Checkbox
                    checked={selected.has(p.key)}
                    disabled={disabled}
                    onChange={(e) => setModule([p.key], e.target.checked)}
                    data-testid={`perm-${p.key}`}
                  >
                    {i18n.language === 'en-US' ? p.en : p.zh}
                  </Checkbox>
                </Col>
              ))}
            </Row>
          </Card>
        );
      })}
    </Flex>
  );
}
