/** Chart geometry computed here so the template only places numbers and escaped labels. */
export interface BarChart {
  title: string;
  height: number;
  empty: boolean;
  bars: { label: string; value: number; y: number; textY: number; width: number; valueX: number; colour: string }[];
}

const LABEL_WIDTH = 150;
const BAR_SPACE = 170;
const ROW = 22;

export const SEVERITY_COLOURS: Record<string, string> = {
  critical: '#7b1e1e', high: '#c9302c', medium: '#f0ad4e', low: '#e6c34a', info: '#8faadc',
};

export const createBarChart = (title: string, items: { label: string; value: number; colour: string }[]): BarChart => {
  const max = Math.max(1, ...items.map((item) => item.value));
  return {
    title,
    height: Math.max(1, items.length) * ROW + 6,
    empty: items.every((item) => item.value === 0),
    bars: items.map((item, index) => {
      const width = item.value === 0 ? 0 : Math.max(2, Math.round((item.value / max) * BAR_SPACE));
      return {
        label: item.label.length > 28 ? `${item.label.slice(0, 27)}…` : item.label,
        value: item.value,
        y: index * ROW + 4,
        textY: index * ROW + 18,
        width,
        valueX: LABEL_WIDTH + width + 6,
        colour: item.colour,
      };
    }),
  };
};
