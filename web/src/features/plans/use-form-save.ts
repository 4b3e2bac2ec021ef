import { useState } from 'react';
import { App, type FormInstance } from 'antd';
import { ApiError } from '../../api/client.ts';
import { showApiError } from '../../api/form-errors.ts';

/**
 * One save of one form: busy while it runs, a toast when done, and the server's field errors on
 * the fields (what no field takes shows as `problem` above the form). `place` maps an issue path
 * the form cannot take as it is (items.2.value) to a field name.
 */
export function useFormSave<V>(
  form: FormInstance<V>,
  fields: readonly string[],
  options: { done: string; onSaved: () => void; place?: (path: string) => string | undefined },
) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const save = async (call: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await call();
      message.success(options.done);
      options.onSaved();
    } catch (err) {
      setProblem(showApiError(form, placed(err, options.place), fields));
    } finally {
      setBusy(false);
    }
  };
  return { busy, problem, save };
}

/** The error with each issue's path renamed to the field that shows it, where `place` knows one. */
function placed(err: unknown, place?: (path: string) => string | undefined): unknown {
  if (!place || !(err instanceof ApiError) || err.issues.length === 0) return err;
  const issues = err.issues.map((i) => ({ ...i, path: place(i.path) ?? i.path }));
  return new ApiError(err.status, err.code, err.message, { issues });
}
