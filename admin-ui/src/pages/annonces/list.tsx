import { List, useTable } from '@refinedev/antd';
import type { CrudFilter } from '@refinedev/core';
import { Col, Empty, Flex, Pagination, Row, Select, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AnnonceFilters, filtersFromForm, type AnnonceFilterValues } from './filters';
import { AnnonceCard } from './parts';
import type { Annonce } from './types';
import { pageTitle } from '../../components/page-title';

const SORTS = ['-createdAt', 'priceCents', '-priceCents', '-surface'] as const;

/** Listings as filterable cards (filters, sort and page kept in the URL by Refine's syncWithLocation). */
export default function AnnonceList() {
  const { t } = useTranslation('annonces');
  const { tableQuery, searchFormProps, filters, sorters, setSorters, currentPage, setCurrentPage, pageSize } =
    useTable<Annonce, never, AnnonceFilterValues>({
      resource: 'annonces',
      sorters: { initial: [{ field: 'createdAt', order: 'desc' }] },
      pagination: { pageSize: 24 },
      onSearch: (values): CrudFilter[] => filtersFromForm(values),
    });
  const rows = tableQuery.data?.data ?? [];
  const total = tableQuery.data?.total ?? 0;
  const sort = sorters[0] ? `${sorters[0].order === 'desc' ? '-' : ''}${sorters[0].field}` : '-createdAt';

  return (
    <List title={pageTitle(t('list.title'))}>
      <AnnonceFilters formProps={searchFormProps} filters={filters} />
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary" data-testid="annonce-total">
          {t('list.total', { count: total })}
        </Typography.Text>
        <Select
          aria-label={t('list.sort')}
          value={sort}
          style={{ width: 220 }}
          options={SORTS.map((s) => ({ value: s, label: t(`list.sorts.${s}`) }))}
          onChange={(s: string) =>
            setSorters([{ field: s.replace(/^-/, ''), order: s.startsWith('-') ? 'desc' : 'asc' }])
          }
        />
      </Flex>
      <Spin spinning={tableQuery.isFetching}>
        {rows.length ? (
          <Row gutter={[16, 16]} data-testid="annonce-cards">
            {rows.map((a) => (
              <Col key={a.id} xs={24} md={12} xl={8} xxl={6}>
                <AnnonceCard annonce={a} />
              </Col>
            ))}
          </Row>
        ) : (
          <Empty description={t('list.empty')} />
        )}
      </Spin>
      {total > pageSize ? (
        <Flex justify="flex-end" style={{ marginTop: 16 }}>
          <Pagination
            current={currentPage}
            pageSize={pageSize}
            total={total}
            showSizeChanger={false}
            onChange={(p) => setCurrentPage(p)}
          />
        </Flex>
      ) : null}
    </List>
  );
}
