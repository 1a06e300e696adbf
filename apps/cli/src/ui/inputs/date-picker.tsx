/** @jsxRuntime automatic @jsxImportSource react */
import { Box, Text, useInput } from 'ink';
import { Tone } from './tone.js';

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A calendar day `YYYY-MM-DD` moved by `days` days. */
export function shiftDay(date: string, days: number): string {
  const epoch = Date.parse(`${date}T00:00:00Z`);
  return new Date(epoch + days * DAY_MS).toISOString().slice(0, 10);
}

/** Props of {@link DatePicker}. */
export interface DatePickerProps {
  /** The highlighted day, `YYYY-MM-DD`. */
  readonly value: string;
  readonly onChange: (date: string) => void;
  readonly onSubmit: (date: string) => void;
  /** A day to mark (the cutoff); days after it are shown as out of bounds. */
  readonly marked?: string;
  readonly isActive?: boolean;
}

/** A month calendar: ←/→ a day, ↑/↓ a week, PgUp/PgDn (or [ and ]) a month, Enter picks. */
export function DatePicker(props: DatePickerProps) {
  useInput(
    (input, key) => {
      if (key.leftArrow) props.onChange(shiftDay(props.value, -1));
      else if (key.rightArrow) props.onChange(shiftDay(props.value, 1));
      else if (key.upArrow) props.onChange(shiftDay(props.value, -7));
      else if (key.downArrow) props.onChange(shiftDay(props.value, 7));
      else if (key.pageUp || input === '[') props.onChange(shiftDay(props.value, -28));
      else if (key.pageDown || input === ']') props.onChange(shiftDay(props.value, 28));
      else if (key.return) props.onSubmit(props.value);
    },
    { isActive: props.isActive !== false },
  );
  const [year, month] = props.value.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(year, month - 1, 1));
  // Weeks start on Monday.
  const lead = (first.getUTCDay() + 6) % 7;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const cells: (number | undefined)[] = [
    ...Array<undefined>(lead),
    ...Array.from({ length: daysInMonth }, (_, day) => day + 1),
  ];
  const weeks: (number | undefined)[][] = [];
  for (let start = 0; start < cells.length; start += 7) weeks.push(cells.slice(start, start + 7));
  const dayOf = (day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return (
    <Box flexDirection="column">
      <Text>{`${MONTHS[month - 1]} ${year}`.padStart(17)}</Text>
      <Tone token="muted">{' Mo Tu We Th Fr Sa Su'}</Tone>
      {weeks.map((week) => (
        <Text key={week.find((day) => day !== undefined)}>
          {'   '.repeat(week.filter((day) => day === undefined).length)}
          {week.map((day) => {
            if (day === undefined) return null;
            const date = dayOf(day);
            const label = String(day).padStart(3);
            if (date === props.value)
              return (
                <Text key={date} inverse>
                  {label}
                </Text>
              );
            if (props.marked !== undefined && date === props.marked)
              return <Tone key={date} token="danger">{`${String(day).padStart(2)}!`}</Tone>;
            if (props.marked !== undefined && date > props.marked)
              return (
                <Tone key={date} token="muted">
                  {label}
                </Tone>
              );
            return <Text key={date}>{label}</Text>;
          })}
        </Text>
      ))}
    </Box>
  );
}
