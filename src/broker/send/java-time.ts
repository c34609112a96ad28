/** A time as RocketMQ's UtilAll.timeMillisToHumanString2 prints it: `yyyy-MM-dd HH:mm:ss,SSS`, local time. */
export function formatJavaTime(timestamp: number): string {
  const date = new Date(timestamp);
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())},${pad(date.getMilliseconds(), 3)}`
  );
}
