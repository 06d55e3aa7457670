import type ExcelJS from 'exceljs';

const isEmptyObject = (value: unknown): boolean => {
  for (const _ in value as object) return false;
  return true;
};

type AddStyleModel = (model: unknown, cellType?: number) => number;

/**
 * exceljs gives every streamed cell a fresh merged style object, so its own identity cache never
 * hits and each of a million cells is serialised to style XML again (4× the bare write time).
 * Style ids depend only on the style's content and the cell type, so a content-keyed memo in
 * front of `styles.addStyleModel` returns the same ids without the per-cell work.
 */
export const addStyleCache = (workbook: ExcelJS.stream.xlsx.WorkbookWriter): void => {
  const styles = (workbook as unknown as { styles?: { addStyleModel?: AddStyleModel } }).styles;
  const original = styles?.addStyleModel;
  if (styles === undefined || original === undefined) return;
  const memo = new Map<string, number>();
  styles.addStyleModel = function addStyleModelCached(model: unknown, cellType?: number): number {
    if (model === null || model === undefined) return original.call(this, model, cellType);
    // Most cells carry an empty style: skip serialising it.
    const key = isEmptyObject(model) ? `${cellType ?? ''}|` : `${cellType ?? ''}|${JSON.stringify(model)}`;
    let id = memo.get(key);
    if (id === undefined) {
      id = original.call(this, model, cellType);
      memo.set(key, id);
    }
    return id;
  };
};
