using System.ComponentModel.DataAnnotations;
using AuthServer.Data;
using AuthServer.Hardening;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace AuthServer.Pages.Account;

/// <summary>Password sign-in (Identity: PBKDF2 hashes, lockout after repeated failures). Rate limited per address.</summary>
[EnableRateLimiting(RateLimitPolicies.Login)]
public sealed partial class LoginModel(SignInManager<AuthUser> signIn, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? ErrorMessage { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            ErrorMessage = "Enter your user name and password.";
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.UserName, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            LogSignedIn(logger, Input.UserName);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        if (result.IsLockedOut)
        {
            LogLockedOut(logger, Input.UserName);
            ErrorMessage = "This account is locked after too many failed sign-in attempts. Try again later.";
            return Page();
        }

        LogFailed(logger, Input.UserName);
        ErrorMessage = "Invalid user name or password.";
        return Page();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserName} signed in")]
    private static partial void LogSignedIn(ILogger logger, string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused for {UserName}: account locked out")]
    private static partial void LogLockedOut(ILogger logger, string userName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in failed for {UserName}")]
    private static partial void LogFailed(ILogger logger, string userName);

    public sealed class LoginInput
    {
        [Required]
        [StringLength(256)]
        public string UserName { get; set; } = "";

        [Required]
        [StringLength(256)]
        public string Password { get; set; } = "";
    }
}
