/** Name pools for generated people (plain ASCII, so usernames stay simple). */
export const GIVEN_NAMES = [
  'ADA', 'BEN', 'CARA', 'DEV', 'EMMA', 'FINN', 'GIA', 'HUGO', 'ISLA', 'JAKE', 'KIRA', 'LIAM', 'MAYA', 'NOAH', 'OLGA', 'PAUL',
  'QUINN', 'ROSA', 'SAM', 'TARA', 'UMA', 'VIK', 'WREN', 'XENA', 'YUSUF', 'ZOE', 'ARJUN', 'BEA', 'CHLOE', 'DARIO', 'ELIF', 'FARID',
  'GRETA', 'HANA', 'IVAN', 'JUNE', 'KEIJI', 'LENA', 'MATEO', 'NIA',
] as const;

export const FAMILY_NAMES = [
  'ADAMS', 'BANKS', 'CRUZ', 'DUBOIS', 'EVANS', 'FISCHER', 'GARCIA', 'HANSEN', 'ITO', 'JONES', 'KOWALSKI', 'LOPEZ', 'MEYER',
  'NOVAK', 'OKAFOR', 'PEREZ', 'QUINTERO', 'ROSSI', 'SATO', 'TANAKA', 'UDDIN', 'VARGA', 'WALSH', 'XU', 'YILMAZ', 'ZHANG',
  'ABBOTT', 'BRANDT', 'COSTA', 'DIALLO', 'ERIKSEN', 'FORD', 'GUPTA', 'HOLM', 'IQBAL', 'JENSEN', 'KHAN', 'LARSEN', 'MORI', 'NAGY',
] as const;

export const DEPARTMENTS = ['Finance', 'Payables', 'Procurement', 'Receivables', 'Costing', 'Order Management', 'Human Resources'] as const;

export const toTitleCase = (word: string): string => word.charAt(0) + word.slice(1).toLowerCase();
