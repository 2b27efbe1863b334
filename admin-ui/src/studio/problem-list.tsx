import { WarningFilled } from '@ant-design/icons';
import { Typography } from 'antd';
import { fieldErrorText } from '../providers/field-errors';
import type { DefinitionProblemView } from './definition-model';

/** Problems pinned to one row of the editor (a state or a transition), in the user's language when their code is known. */
export function ProblemList({ problems, testId }: { problems?: DefinitionProblemView[]; testId: string }) {
  if (!problems?.length) return null;
  return (
    <ul data-testid={testId} role="alert" style={{ margin: '4px 0 0', paddingLeft: 0, listStyle: 'none' }}>
      {problems.map((p, i) => (
        <li key={`${p.path}-${i}`}>
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            <WarningFilled /> {fieldErrorText({ field: p.path, ...p })}
          </Typography.Text>
        </li>
      ))}
    </ul>
  );
}
