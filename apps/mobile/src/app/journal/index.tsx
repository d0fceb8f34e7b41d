export { JournalScreen as default } from '@/features/journal/journal-screen';
