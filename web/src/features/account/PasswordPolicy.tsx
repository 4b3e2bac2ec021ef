import { Typography, type FormRule } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { checkPasswordPolicy, PASSWORD_MIN_LENGTH } from '@innocity/shared/password-policy';

export const POLICY_TEXT = `至少 ${PASSWORD_MIN_LENGTH} 个字符，不能包含用户名，须包含大写字母、小写字母、数字、符号中的至少三类`;

/** A form rule that checks a password against the shared policy as it is typed. */
export function passwordPolicyRule(label: string, username: () => string | undefined): FormRule {
  return {
    validator: async (_rule, value: string | undefined) => {
      if (!value) throw new Error(`请填写${label}`);
      const problems = checkPasswordPolicy(value, username() ?? '');
      if (problems.length > 0) throw new Error(problems.join('；'));
    },
  };
}

/** The policy in words under a password field, with a tick once the typed password meets it. */
export function PasswordPolicyHint({
  password,
  username,
}: {
  password: string | undefined;
  username: string | undefined;
}) {
  const ok = !!password && checkPasswordPolicy(password, username ?? '').length === 0;
  return (
    <Typography.Text type={ok ? 'success' : 'secondary'} style={{ fontSize: 12 }} aria-live="polite">
      {ok ? (
        <>
          <CheckCircleFilled /> 密码符合要求
        </>
      ) : (
        `密码要求：${POLICY_TEXT}`
      )}
    </Typography.Text>
  );
}
