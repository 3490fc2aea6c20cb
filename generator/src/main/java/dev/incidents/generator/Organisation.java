package dev.incidents.generator;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The simulated organisation: people with timezones, teams, services and on-call rotations. */
final class Organisation {
  static final List<String> FIRST_NAMES =
      List.of(
          "Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi",
          "Lars", "Maya", "Nikhil", "Olga", "Priya", "Quinn", "Rafael", "Sara", "Tomas", "Uma",
          "Victor", "Wen", "Xavier", "Yara", "Zoe", "Amir", "Bea", "Carlos", "Dana", "Emeka",
          "Fatima", "Gus", "Hana", "Ivan", "Julia", "Kai", "Lina", "Marco", "Nora");
  static final List<String> LAST_NAMES =
      List.of(
          "Okafor",
          "Lindqvist",
          "Tanaka",
          "Moreau",
          "Silva",
          "Kowalski",
          "Nguyen",
          "Haddad",
          "Schmidt",
          "Rossi",
          "Patel",
          "Andersen",
          "Garcia",
          "Ivanova",
          "Mensah",
          "Novak",
          "Park",
          "Costa",
          "Fischer",
          "Murphy",
          "Yilmaz",
          "Dubois",
          "Khan",
          "Berg",
          "Santos");
  static final List<String> ZONES =
      List.of(
          "America/Los_Angeles",
          "America/New_York",
          "Europe/London",
          "Europe/Berlin",
          "Asia/Kolkata",
          "Asia/Tokyo",
          "America/Sao_Paulo",
          "Australia/Sydney");
  static final List<String> SERVICE_NOUNS =
      List.of(
          "checkout",
          "payments",
          "search",
          "auth",
          "catalog",
          "inventory",
          "notifications",
          "billing",
          "api-gateway",
          "recommendations",
          "shipping",
          "ledger",
          "profile",
          "media",
          "ingest",
          "reporting",
          "webhooks",
          "scheduler",
          "identity",
          "pricing");
  static final List<String> TEAM_NOUNS =
      List.of(
          "payments",
          "platform",
          "growth",
          "data",
          "identity",
          "storefront",
          "fulfilment",
          "infra",
          "mobile",
          "search");

  /** The Slack workspace exports on this calendar (day files), as real exports do. */
  static final ZoneId WORKSPACE_ZONE = ZoneId.of("America/Los_Angeles");

  record Person(
      int index,
      String slackId,
      String pagerDutyId,
      String incidentIoId,
      String jiraAccountId,
      String name,
      String handle,
      String email,
      ZoneId zone,
      int team) {}

  record Team(int index, String name, List<String> services, List<Integer> members, int manager) {}

  final long seed;
  final OrgSize size;
  final List<Person> people;
  final List<Team> teams;

  private Organisation(long seed, OrgSize size, List<Person> people, List<Team> teams) {
    this.seed = seed;
    this.size = size;
    this.people = people;
    this.teams = teams;
  }

  static Organisation create(long seed, OrgSize size) {
    Rng rng = Rng.of(seed, "organisation");
    List<Person> people = new ArrayList<>(size.people);
    List<List<Integer>> members = new ArrayList<>();
    for (int t = 0; t < size.teams; t++) {
      members.add(new ArrayList<>());
    }
    for (int i = 0; i < size.people; i++) {
      String first = FIRST_NAMES.get(i % FIRST_NAMES.size());
      String last = LAST_NAMES.get((i / FIRST_NAMES.size() + i * 7) % LAST_NAMES.size());
      String suffix = i < FIRST_NAMES.size() * 5 ? "" : Integer.toString(i);
      String name = first + " " + last + (suffix.isEmpty() ? "" : " " + suffix);
      String handle = (first + "." + last + suffix).toLowerCase(Locale.ROOT);
      int team = i % size.teams;
      // Most of a team shares one region; a few members live elsewhere.
      String zone =
          rng.chance(0.8) ? ZONES.get(team % ZONES.size()) : ZONES.get(rng.nextInt(ZONES.size()));
      people.add(
          new Person(
              i,
              "U0" + String.format("%08X", 0x1A2B000 + i * 7919L),
              "P" + rng.alphanumeric(6, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"),
              Ulid.of(Instant.parse("2023-01-01T00:00:00Z").plus(i, ChronoUnit.MINUTES), rng),
              "5f" + rng.hex(22),
              name,
              handle,
              handle + "@example.com",
              ZoneId.of(zone),
              team));
      members.get(team).add(i);
    }
    List<Team> teams = new ArrayList<>(size.teams);
    for (int t = 0; t < size.teams; t++) {
      String noun = TEAM_NOUNS.get(t % TEAM_NOUNS.size());
      String name = t < TEAM_NOUNS.size() ? noun : noun + "-" + (t / TEAM_NOUNS.size() + 1);
      List<String> services = new ArrayList<>();
      int count = 2 + rng.nextInt(2);
      for (int s = 0; s < count; s++) {
        String service = SERVICE_NOUNS.get((t * 3 + s) % SERVICE_NOUNS.size());
        String unique = t * 3 + s < SERVICE_NOUNS.size() ? service : service + "-" + t;
        services.add(unique);
      }
      List<Integer> teamMembers = List.copyOf(members.get(t));
      teams.add(new Team(t, name, List.copyOf(services), teamMembers, teamMembers.get(0)));
    }
    return new Organisation(seed, size, List.copyOf(people), List.copyOf(teams));
  }

  /** The weekly primary of a team (rotations change on Monday). */
  Person primaryOnCall(Team team, Instant at) {
    long week = Math.floorDiv(at.getEpochSecond() - 4 * 86_400, 7 * 86_400);
    List<Integer> rota = team.members();
    return people.get(rota.get((int) Math.floorMod(week, rota.size())));
  }

  Person backupOnCall(Team team, Instant at) {
    long week = Math.floorDiv(at.getEpochSecond() - 4 * 86_400, 7 * 86_400);
    List<Integer> rota = team.members();
    return people.get(rota.get((int) Math.floorMod(week + 1, rota.size())));
  }

  Person manager(Team team) {
    return people.get(team.manager());
  }

  List<String> allServices() {
    List<String> services = new ArrayList<>();
    for (Team team : teams) {
      services.addAll(team.services());
    }
    return services;
  }

  Team teamOfService(String service) {
    for (Team team : teams) {
      if (team.services().contains(service)) {
        return team;
      }
    }
    throw new IllegalArgumentException("Unknown service " + service);
  }
}
