using CsCheck;

namespace ContactCost.Tests;

public class MoneyTests
{
    private static readonly Currency Usd = Currency.USD;

    public class Currencies
    {
        [Theory]
        [InlineData("USD", 2)]
        [InlineData("usd", 2)]
        [InlineData(" EUR ", 2)]
        [InlineData("JPY", 0)]
        [InlineData("KWD", 3)]
        public void FromCode_KnownCode_HasIsoMinorDigits(string code, int digits) =>
            Assert.Equal(digits, Currency.FromCode(code).MinorDigits);

        [Fact]
        public void FromCode_UnknownCode_SaysWhatToUse()
        {
            var error = Assert.Throws<ArgumentException>(() => Currency.FromCode("XYZ"));
            Assert.StartsWith("Unknown currency code 'XYZ'. Use an ISO 4217 code such as USD, EUR or GBP.", error.Message);
        }

        [Fact]
        public void FromCode_SameCode_IsTheSameInstance() => Assert.Same(Currency.FromCode("usd"), Currency.USD);
    }

    public class Arithmetic
    {
        // Amounts with up to six decimals, as prices and rated amounts have; decimal's 28 significant
        // digits make x + y - y == x exact for them.
        private static readonly Gen<decimal> Amounts = Gen.Long[-1_000_000_000_000, 1_000_000_000_000].Select(micros => micros / 1_000_000m);

        [Fact]
        public void Adding_TwoCurrencies_ThrowsNamingBoth()
        {
            var error = Assert.Throws<CurrencyMismatchException>(() => new Money(1m, Usd) + new Money(1m, Currency.EUR));
            Assert.Equal("Cannot combine amounts in USD and EUR: convert one of them first.", error.Message);
        }

        [Fact]
        public void Comparing_TwoCurrencies_Throws() =>
            Assert.Throws<CurrencyMismatchException>(() => new Money(1m, Usd) < new Money(2m, Currency.EUR));

        [Fact]
        public void Multiplying_KeepsFullPrecision() =>
            Assert.Equal(0.0125m * 7m, (new Money(0.0125m, Usd) * 7m).Amount);

        [Fact]
        public void Default_HasNoCurrency_AndSaysHowToCreateOne()
        {
            var error = Assert.Throws<InvalidOperationException>(() => default(Money).Currency);
            Assert.Contains("new Money(amount, currency)", error.Message);
        }

        [Fact]
        public void ToMinorUnits_OfUnroundedAmount_RefusesToRoundSilently() =>
            Assert.Throws<InvalidOperationException>(() => new Money(1.005m, Usd).ToMinorUnits());

        [Theory]
        [InlineData("12.3", "USD", "12.30 USD")]
        [InlineData("12.345", "USD", "12.345 USD")]
        [InlineData("1200", "JPY", "1200 JPY")]
        [InlineData("-0.5", "KWD", "-0.500 KWD")]
        public void ToString_IsInvariantWithAtLeastTheMinorDigits(string amount, string code, string expected) =>
            Assert.Equal(expected, new Money(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Currency.FromCode(code)).ToString());

        [Fact]
        public void SumAndDifference_AgreeWithDecimalArithmetic() =>
            Gen.Select(Amounts, Amounts).Sample((a, b) =>
            {
                var x = new Money(a, Usd);
                var y = new Money(b, Usd);
                return (x + y).Amount == a + b && (x - y).Amount == a - b && (x + y - y) == x;
            });
    }

    public class RoundingModes
    {
        // value, mode, USD result: the table that documents every mode at its edge cases.
        public static TheoryData<string, RoundingMode, string> Cases => new()
        {
            { "2.345", RoundingMode.HalfUp, "2.35" },
            { "-2.345", RoundingMode.HalfUp, "-2.35" },
            { "2.344", RoundingMode.HalfUp, "2.34" },
            { "2.345", RoundingMode.HalfEven, "2.34" },
            { "2.355", RoundingMode.HalfEven, "2.36" },
            { "2.345", RoundingMode.HalfDown, "2.34" },
            { "2.3451", RoundingMode.HalfDown, "2.35" },
            { "-2.345", RoundingMode.HalfDown, "-2.34" },
            { "2.341", RoundingMode.Up, "2.35" },
            { "-2.341", RoundingMode.Up, "-2.35" },
            { "2.349", RoundingMode.Down, "2.34" },
            { "-2.349", RoundingMode.Down, "-2.34" },
            { "2.341", RoundingMode.Ceiling, "2.35" },
            { "-2.349", RoundingMode.Ceiling, "-2.34" },
            { "2.349", RoundingMode.Floor, "2.34" },
            { "-2.341", RoundingMode.Floor, "-2.35" },
            { "2.34", RoundingMode.Up, "2.34" },
            { "0", RoundingMode.HalfUp, "0" },
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void Round_ToCents_GivesTheTableValue(string value, RoundingMode mode, string expected)
        {
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            var rounded = new Money(decimal.Parse(value, inv), Usd).Round(mode);
            Assert.Equal(decimal.Parse(expected, inv), rounded.Amount);
        }

        [Fact]
        public void EveryMode_HasAFileNameThatReadsBack()
        {
            foreach (var mode in Enum.GetValues<RoundingMode>())
            {
                Assert.True(Rounding.TryParse(Rounding.Name(mode), out var back));
                Assert.Equal(mode, back);
            }
        }

        [Fact]
        public void Rounding_IsAlwaysWithinOneMinorUnit_AndDirectedModesPointTheirWay() =>
            Gen.Decimal[-1_000_000m, 1_000_000m].Sample(value =>
            {
                foreach (var mode in Enum.GetValues<RoundingMode>())
                {
                    var r = Rounding.Round(value, 2, mode);
                    if (Math.Abs(r - value) >= 0.01m || decimal.Round(r, 2) != r)
                        return false;
                }

                return Rounding.Round(value, 2, RoundingMode.Ceiling) >= value
                    && Rounding.Round(value, 2, RoundingMode.Floor) <= value
                    && Math.Abs(Rounding.Round(value, 2, RoundingMode.Down)) <= Math.Abs(value)
                    && Math.Abs(Rounding.Round(value, 2, RoundingMode.Up)) >= Math.Abs(value)
                    && Math.Abs(Rounding.Round(value, 2, RoundingMode.HalfUp) - value) <= 0.005m;
            });
    }

    public class MinorUnits
    {
        private static readonly Currency[] Currencies = [Currency.FromCode("JPY"), Currency.USD, Currency.FromCode("KWD")];

        // Amounts with up to five decimals, some written with trailing zeros (1.50, 2.000), some huge.
        private static readonly Gen<decimal> AnAmount =
            Gen.Select(Gen.Long[-10_000_000_000_000, 10_000_000_000_000], Gen.Int[0, 5], Gen.Bool)
                .Select((mantissa, scale, huge) => new decimal(unchecked((int)mantissa), (int)(Math.Abs(mantissa) >> 32), huge ? 7 : 0, mantissa < 0, (byte)scale));

        [Fact]
        public void FromMinorUnits_HasTheValueAndScaleOfTheMultiplication() =>
            Gen.Select(Gen.Long, Gen.Int[0, 2]).Sample((minor, c) =>
            {
                var currency = Currencies[c];
                var expected = minor * currency.MinorUnit;
                var made = ContactCost.Money.FromMinorUnits(minor, currency).Amount;
                Assert.Equal(expected, made);
                Assert.Equal(expected.Scale, made.Scale);
            });

        [Fact]
        public void ToMinorUnits_IsTheRoundedAmountTimesTheMinorUnits_OrTheSameRefusal() =>
            Gen.Select(AnAmount, Gen.Int[0, 2]).Sample((amount, c) =>
            {
                var currency = Currencies[c];
                var money = new ContactCost.Money(amount, currency);
                var scaled = amount * Currency.Pow10(currency.MinorDigits);
                if (decimal.Round(amount, currency.MinorDigits) != amount)
                    Assert.Throws<InvalidOperationException>(() => money.ToMinorUnits());
                else if (scaled < long.MinValue || scaled > long.MaxValue)
                    Assert.Throws<OverflowException>(() => money.ToMinorUnits());
                else
                    Assert.Equal(decimal.ToInt64(scaled), money.ToMinorUnits());
            });
    }
}
