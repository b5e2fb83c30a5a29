/**
 * The layout-wide choices a family offers (eMMC: where the boot firmware lives, the SoC boot ROM,
 * MBR or GPT), one select each; a change is one undoable edit and the rules run again at once.
 */
import { familyOf, type LayoutDocument } from '../../../src/index';
import { Field } from '../../form/Field';
import { useLayoutStoreApi } from '../../store/context';

export function FamilyChoices({ document }: { document: LayoutDocument }) {
  const choices = familyOf(document).choices ?? [];
  const store = useLayoutStoreApi();
  if (choices.length === 0) return null;
  return (
    <fieldset className="field-group family-choices">
      <legend>Boot and table</legend>
      {choices.map((choice) => (
        <Field key={choice.id} label={choice.label} hint={choice.hint?.(document)}>
          {(control) => (
            <select {...control} value={choice.value(document)} onChange={(event) => void store.getState().edit(choice.apply(store.getState().history.present, event.target.value))}>
              {choice.options(document).map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      ))}
    </fieldset>
  );
}
