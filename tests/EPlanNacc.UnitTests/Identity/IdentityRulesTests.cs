using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Identity.Features.Passwords;
using EPlanNacc.Modules.Identity.Rules;
using FluentValidation.TestHelper;
using NSubstitute;

namespace EPlanNacc.UnitTests.Identity;

public sealed class PasswordPolicyTests
{
    [Fact]
    public void The_shipped_list_of_common_passwords_is_loaded() => Assert.True(PasswordPolicy.CommonCount > 2000);

    [Theory]
    [InlineData(null, "กรุณากำหนดรหัสผ่าน")]
    [InlineData("", "กรุณากำหนดรหัสผ่าน")]
    [InlineData("abc1234", "อย่างน้อย 8 ตัวอักษร")]
    [InlineData("password", "ใช้กันทั่วไป")]
    [InlineData("PASSWORD1", "ใช้กันทั่วไป")]
    [InlineData("12345678", "ใช้กันทั่วไป")]
    [InlineData("qwertyuiop", "ใช้กันทั่วไป")]
    [InlineData("my6900106pw", "ชื่อผู้ใช้งาน")]
    public void Refused_passwords_say_why_in_Thai(string? password, string reason) =>
        Assert.Contains(reason, Assert.Single(PasswordPolicy.Check(password, "6900106")));

    [Theory]
    [InlineData("koh-yo-plan-2569")]
    [InlineData("ทะเลสาบสงขลา")]
    [InlineData("correct horse battery staple")]
    public void No_other_composition_rules(string password) => Assert.Empty(PasswordPolicy.Check(password, "6900106"));

    [Fact]
    public void Passwords_longer_than_128_are_refused() =>
        Assert.NotEmpty(PasswordPolicy.Check(new string('x', 129), null));
}

public sealed class LockoutPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private readonly LockoutPolicy _policy = new(5, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15));

    private LockoutState Fail(int times, TimeSpan every, LockoutState? from = null)
    {
        var state = from ?? LockoutState.Clear;
        for (var i = 0; i < times; i++) state = _policy.AfterFailure(state, T0 + every * i);
        return state;
    }

    [Fact]
    public void Four_failures_do_not_lock() =>
        Assert.False(_policy.IsLocked(Fail(4, TimeSpan.FromMinutes(1)), T0.AddMinutes(4)));

    [Fact]
    public void The_fifth_failure_within_15_minutes_locks_for_15_minutes()
    {
        var state = Fail(5, TimeSpan.FromMinutes(3));
        var lockedAt = T0.AddMinutes(12);
        Assert.True(_policy.IsLocked(state, lockedAt));
        Assert.Equal(lockedAt.AddMinutes(15), state.LockedUntil);
        Assert.True(_policy.IsLocked(state, lockedAt.AddMinutes(14).AddSeconds(59)));
        Assert.False(_policy.IsLocked(state, lockedAt.AddMinutes(15)));
        Assert.Equal(TimeSpan.FromMinutes(10), _policy.RemainingLock(state, lockedAt.AddMinutes(5)));
    }

    [Fact]
    public void Failures_spread_over_more_than_15_minutes_do_not_lock_and_the_window_slides()
    {
        // at 0, 4, 8, 12, 16 minutes: at 16 the failure of minute 0 is out of the window, four remain
        var state = Fail(5, TimeSpan.FromMinutes(4));
        Assert.False(_policy.IsLocked(state, T0.AddMinutes(16)));
        Assert.Equal(4, state.RecentFailures.Count);
        // one more at 17 makes five within 15 minutes (4 .. 17): locked
        Assert.True(_policy.IsLocked(_policy.AfterFailure(state, T0.AddMinutes(17)), T0.AddMinutes(17)));
    }

    [Fact]
    public void Success_clears_everything()
    {
        var cleared = LockoutPolicy.AfterSuccess();
        Assert.Empty(cleared.RecentFailures);
        Assert.Null(cleared.LockedUntil);
    }
}

public sealed class ActivationCodeTests
{
    [Fact]
    public void Codes_have_ten_unambiguous_characters()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => ActivationCodes.Generate()).ToList();
        Assert.All(codes, c => Assert.Matches("^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$", c));
        Assert.Equal(200, codes.Distinct().Count());
    }

    [Fact]
    public void Codes_compare_without_case_spaces_or_dashes() =>
        Assert.Equal("ABCDE23456", ActivationCodes.Normalize(" abcde - 23456 "));
}

public sealed class PasswordValidatorTests
{
    [Fact]
    public void Reset_requests_need_an_email_address()
    {
        var validator = new RequestPasswordResetValidator();
        validator.TestValidate(new RequestPasswordResetCommand("")).ShouldHaveValidationErrorFor(x => x.Email)
            .WithErrorMessage("กรุณากรอกอีเมลที่บันทึกไว้ในข้อมูลพื้นฐาน");
        validator.TestValidate(new RequestPasswordResetCommand("no-at-sign"))
            .ShouldHaveValidationErrorFor(x => x.Email);
        validator.TestValidate(new RequestPasswordResetCommand("a@b.go.th")).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void A_new_password_must_differ_from_the_current_and_pass_the_policy()
    {
        var user = Substitute.For<ICurrentUser>();
        user.Username.Returns("6900106");
        var validator = new ChangePasswordValidator(user);
        validator.TestValidate(new ChangePasswordCommand("koh-yo-plan-2569", "koh-yo-plan-2569"))
            .ShouldHaveValidationErrorFor(x => x.NewPassword)
            .WithErrorMessage("รหัสผ่านใหม่ต้องไม่ซ้ำกับรหัสผ่านปัจจุบัน");
        validator.TestValidate(new ChangePasswordCommand("koh-yo-plan-2569", "iloveyou"))
            .ShouldHaveValidationErrorFor(x => x.NewPassword);
        validator.TestValidate(new ChangePasswordCommand(null, "a-fine-new-secret"))
            .ShouldHaveValidationErrorFor(x => x.CurrentPassword);
        validator.TestValidate(new ChangePasswordCommand("koh-yo-plan-2569", "a-fine-new-secret"))
            .ShouldNotHaveAnyValidationErrors();
    }
}
