import { Select, type SelectProps } from 'antd';

/**
 * A Select for a required Form.Item. Form.Item hands its control `aria-required`, which rc-select
 * spreads on its wrapper `<div>` — where ARIA does not allow it (axe: aria-allowed-attr, critical).
 * The label's required mark stays; the attribute is dropped.
 */
export function FormSelect(props: SelectProps & { 'aria-required'?: unknown }) {
  const { 'aria-required': _required, ...rest } = props;
  return <Select {...rest} />;
}
