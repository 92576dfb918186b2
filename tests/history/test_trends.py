"""Forecasts and baselines on synthetic series with known answers."""

from __future__ import annotations

from selfcheck.history.trends import DAY, baseline, days_until, linear_fit

T0 = 1_760_000_000.0


def test_a_disk_losing_10_gb_a_day_with_40_gb_left_is_full_in_4_days():
    series = [(T0 + d * DAY, (100 - 10 * d) * 1e9) for d in range(7)]  # 100 GB .. 40 GB
    assert abs(days_until(series, 0.0) - 4.0) < 1e-6


def test_a_stable_or_growing_disk_has_no_forecast():
    assert days_until([(T0 + d * DAY, 50e9) for d in range(5)]) is None
    assert days_until([(T0 + d * DAY, (50 + d) * 1e9) for d in range(5)]) is None
    assert days_until([(T0, 1.0), (T0 + DAY, 0.5)]) is None  # too few points


def test_noisy_decline_is_fitted():
    noise = [0.3, -0.2, 0.1, -0.4, 0.2, 0.0, -0.1, 0.3, -0.3, 0.1]
    series = [(T0 + d * DAY, 80 - 2 * d + noise[d]) for d in range(10)]
    fit = linear_fit(series)
    assert abs(fit.slope_per_day + 2) < 0.1


def test_baseline_is_median_and_90th_percentile():
    values = list(range(1, 101))
    b = baseline([float(v) for v in values])
    assert b["median"] == 50.5 and b["p90"] == 90.0
    assert baseline([1.0, 2.0]) is None


class _FakeHistory:
    """The two methods disk_forecasts reads, over one volume's series."""

    def __init__(self, series):
        self.series = series

    def scans(self, limit=20):
        return [type("Record", (), {"metrics": {"disk_free:/": 1.0}})()]

    def volume_series(self, mountpoint, since=None):
        return [(ts, free, None, None) for ts, free in self.series]


def test_scans_minutes_apart_make_no_forecast_a_day_apart_do():
    """Four scans in eight minutes around a 1 GB download once announced '/ will be full in about 0 days' with 72 GB free."""
    from selfcheck.history.trends import disk_forecasts

    minutes = [(T0, 72.6e9), (T0 + 13, 72.6e9), (T0 + 478, 71.8e9), (T0 + 480, 71.8e9)]
    assert disk_forecasts(_FakeHistory(minutes), now=T0 + 480) == {}
    days = [(T0 + d * DAY, (100 - 10 * d) * 1e9) for d in range(3)]
    assert disk_forecasts(_FakeHistory(days), now=T0 + 2 * DAY) == {"/": 8.0}
