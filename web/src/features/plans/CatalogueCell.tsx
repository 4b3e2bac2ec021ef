import { useState } from 'react';
import { App, Button, Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { IndicatorCatalogue, IndicatorMapping } from '@innocity/shared/api/indicator-catalogue';
import { api, ApiError } from '../../api/client.ts';

/**
 * An indicator's code in the shared catalogue (so counties compare like with like). The office
 * picks one, or takes the suggestion made from the indicator's name and unit; others read it.
 */
export function CatalogueCell({
  planId,
  mapping,
  catalogue,
  canEdit,
  onSaved,
}: {
  planId: string;
  mapping: IndicatorMapping | undefined;
  catalogue: IndicatorCatalogue['catalogue'];
  canEdit: boolean;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (!mapping) return '—';
  const nameOf = (code: string) => catalogue.find((c) => c.code === code)?.name ?? code;
  const save = async (code: string | null) => {
    setBusy(true);
    try {
      await api('PUT', `/api/plans/${planId}/indicators/${mapping.indicatorId}/catalogue-code`, {
        catalogueCode: code,
      });
      message.success(code ? `已对应目录指标：${nameOf(code)}` : '已取消对应目录指标');
      onSaved();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const warning = mapping.catalogueCode && !mapping.comparable && (
    <Tooltip title={`计量单位“${mapping.unit}”与目录指标不一致，数值不参与跨县比较`}>
      <Tag color="warning">单位不一致</Tag>
    </Tooltip>
  );
  if (!canEdit)
    return mapping.catalogueCode ? (
      <Space size={4} wrap>
        <span>{nameOf(mapping.catalogueCode)}</span>
        {warning}
      </Space>
    ) : (
      <Typography.Text type="secondary">未对应</Typography.Text>
    );
  const suggested = mapping.suggestions.filter((s) => s.unitMatches).map((s) => s.code);
  const best = !mapping.catalogueCode ? suggested[0] : undefined;
  return (
    <Space direction="vertical" size={2} style={{ width: '100%' }}>
      <Select
        size="small"
        style={{ width: '100%' }}
        allowClear
        showSearch
        optionFilterProp="label"
        placeholder="未对应"
        loading={busy}
        disabled={busy}
        aria-label={`${mapping.name}对应的目录指标`}
        value={mapping.catalogueCode ?? undefined}
        onChange={(v: string | undefined) => void save(v ?? null)}
        options={[
          ...(suggested.length
            ? [{ label: '建议', options: suggested.map((c) => ({ value: c, label: nameOf(c) })) }]
            : []),
          {
            label: '指标目录',
            options: catalogue
              .filter((c) => !suggested.includes(c.code))
              .map((c) => ({ value: c.code, label: c.name })),
          },
        ]}
      />
      {warning}
      {best && (
        <Button size="small" type="link" style={{ padding: 0 }} disabled={busy} onClick={() => void save(best)}>
          采用建议：{nameOf(best)}
        </Button>
      )}
    </Space>
  );
}
