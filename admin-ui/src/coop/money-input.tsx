import { InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Euros (or a percentage) typed with two decimals in the UI language's separator; the value stays a
 * decimal string (stringMode), so turning it into cents or basis points never goes through a float.
 */
export function DecimalInput({
  suffix = '€',
  ...props
}: {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  min?: string;
  max?: string;
  step?: string;
  suffix?: string;
  disabled?: boolean;
}) {
  const { i18n } = useTranslation();
  return (
    <InputNumber<string>
      {...props}
      stringMode
      precision={2}
      decimalSeparator={i18n.language.startsWith('fr') ? ',' : '.'}
      suffix={suffix}
      style={{ width: '100%' }}
    />
  );
}
