import { useLocalSearchParams } from 'expo-router';
import { isDayKey } from '@/features/days/day-key';
import { DayScreen } from '@/features/journal/day-screen';
import { NotFoundScreen } from '@/features/shell/not-found-screen';

export default function DayRoute() {
  const { day } = useLocalSearchParams<{ day: string }>();
  return isDayKey(day) ? <DayScreen day={day} /> : <NotFoundScreen />;
}
