/** Small routines shaped like the API's, for the player's unit tests. */

export function item(overrides = {}) {
  return {
    exercise: { id: "bridge", name: "Bridge" },
    variant: null,
    sets: 1,
    reps: 2,
    hold_seconds: 5,
    rep_seconds: 0,
    per_side: false,
    rest_between_reps_seconds: 3,
    rest_between_sets_seconds: 0,
    rest_after_seconds: 10,
    get_ready_seconds: 5,
    switch_sides_seconds: 0,
    ...overrides,
  };
}

/** Two items: a hold exercise with rests, then a two-sided moving one. */
export function twoItemRoutine() {
  return {
    id: "test",
    title: "Test routine",
    warm_up: null,
    items: [
      item({ sets: 2, rest_between_sets_seconds: 20 }),
      item({
        exercise: { id: "knee-to-chest", name: "Single knee-to-chest" },
        reps: 2,
        hold_seconds: 0,
        rep_seconds: 4,
        per_side: true,
        rest_between_reps_seconds: 0,
        switch_sides_seconds: 5,
        rest_after_seconds: 0,
      }),
    ],
  };
}
