-- PLOVER ASSAULT/crowd-control (tear gas, water cannon, rubber bullets) is, in ACLED's codebook,
-- force used against a crowd: event type Protests ("Protest with intervention", "Excessive
-- force against protesters"), not Battles. Matches ingest.events.crosswalk.acled_event_type
-- from events-0.4.0 on. Rows already in `events` keep the type they were coded with.
UPDATE plover_crosswalk SET acled_event_type = 'Protests'
WHERE plover_type = 'ASSAULT' AND mode = 'crowd-control';
