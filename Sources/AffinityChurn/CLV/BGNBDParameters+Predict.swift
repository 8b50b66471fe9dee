import RealModule

extension BGNBDParameters {
    /// P(alive | x, t_x, T) = 1 / (1 + [x > 0] · a/(b + x − 1) · ((α + T)/(α + t_x))^(r+x))
    /// (eq. 13 of Fader, Hardie & Lee 2005). 1 for a customer without repeat purchases, and
    /// for everyone in the NBD limit (a = 0).
    public func pAlive(_ c: CLVCustomer) -> Double {
        guard c.frequency > 0, a > 0 else { return 1 }
        let x = c.frequency
        let log = Double.log(a) - Double.log(b + x - 1) + (r + x) * (Double.log(alpha + c.T) - Double.log(alpha + c.recency))
        return 1 / (1 + Double.exp(log))
    }

    /// Expected purchases in (T, T + t] given the customer's history (eq. 10 of the paper):
    ///
    ///     E = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] · P(alive)
    ///
    /// For u = t/(α+T) < 0.9, and always when a = 0, the bracket is summed after Pfaff's
    /// transformation as a series in −u with the factor (a − 1) cancelled, so it has no
    /// cancellation near a = 1 and ends after one term at a = 0, giving the NBD limit
    /// (r + x)·t/(α + T). Otherwise the ₂F₁ series in z = t/(α+T+t) < 1 is summed directly.
    public func expectedPurchases(_ c: CLVCustomer, days t: Double) -> Double {
        guard t > 0 else { return 0 }
        let x = c.frequency, capA = r + x, capC = a + b + x - 1
        let u = t / (alpha + c.T)
        let sum: Double
        if u < 0.9 || a == 0 {
            sum = Self.series(first: capA * u) { k in (capA + k) * (a + k - 1) / ((capC + k) * (k + 1)) * -u }
        } else {
            let z = t / (alpha + c.T + t)
            let f = Self.hypergeometric(capA, b + x, capC, z)
            sum = capC / (a - 1) * (1 - Double.exp(capA * Double.log(1 - z)) * f)
        }
        return sum * pAlive(c)
    }

    /// ₂F₁(A, B; C; z) for 0 ≤ z < 1 by its power series.
    static func hypergeometric(_ capA: Double, _ capB: Double, _ capC: Double, _ z: Double) -> Double {
        series(first: 1) { k in (capA + k - 1) * (capB + k - 1) / ((capC + k - 1) * k) * z }
    }

    /// Σₖ tₖ with t₀ = `first` and tₖ = tₖ₋₁·ratio(k): summed until a term is below 1e-16 of the
    /// sum while the terms shrink (|ratio| < 1), or for at most a million terms.
    static func series(first: Double, ratio: (Double) -> Double) -> Double {
        var term = first, sum = first, k = 1.0
        while k < 1_000_000 {
            let q = ratio(k)
            term *= q
            sum += term
            if abs(term) <= 1e-16 * abs(sum) && abs(q) < 1 { break }
            k += 1
        }
        return sum
    }
}
