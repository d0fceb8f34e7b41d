import { useLocalSearchParams } from 'expo-router';
import { DayScreen } from '@/features/journal/day-screen';

export default function DayRoute() {
  const { day } = useLocalSearchParams<{ day: string }>();
  return <DayScreen day={day} />;
}
